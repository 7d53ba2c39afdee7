// The worker's MQTT session in Node against a real Aedes broker over websocket-stream.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Aedes, type AedesOptions, type Client } from 'aedes';
import mqtt from 'mqtt';
import mqttPacket, { type Packet } from 'mqtt-packet';
import websocketStream from 'websocket-stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createMqttSession,
  type MqttSession,
  type SessionDeps,
} from '../../worker/session/mqtt-session';
import type {
  ConnectionProfile,
  StatusEvent,
  StoredMessage,
  SubscriptionEvent,
} from '../../shared/protocol';

interface TestBroker {
  url: string;
  aedes: Aedes;
  clients: Client[];
  /** Filters in every SUBSCRIBE the broker received, in order. */
  subscribed: string[];
  authentications: number;
  close(): Promise<void>;
}

async function startBroker(options: Partial<AedesOptions> = {}, port = 0): Promise<TestBroker> {
  const broker: Partial<TestBroker> & { subscribed: string[]; clients: Client[] } = {
    subscribed: [],
    clients: [],
    authentications: 0,
  };
  const aedes = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      broker.authentications! += 1;
      if (options.authenticate) return options.authenticate(client, username, password, done);
      done(null, true);
    },
    authorizeSubscribe: (client, sub, done) => {
      broker.subscribed.push(sub.topic);
      if (options.authorizeSubscribe) return options.authorizeSubscribe(client, sub, done);
      done(null, sub);
    },
  });
  aedes.on('client', (client) => broker.clients.push(client));
  const server = http.createServer();
  const wss = websocketStream.createServer({ server, path: '/mqtt' });
  wss.on('stream', (stream, req) => aedes.handle(stream, req));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return Object.assign(broker, {
    url: `ws://127.0.0.1:${bound}/mqtt`,
    aedes,
    close: async () => {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await closeWebSocketServer(wss);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  }) as TestBroker;
}

interface ScriptedBroker {
  url: string;
  received: Packet[];
  /** Sends a packet to the (last) connected client. */
  send(packet: Packet): void;
}

/**
 * A minimal MQTT server that answers as the test scripts it, for what Aedes cannot do:
 * downgrade a granted QoS, speak MQTT 5, or refuse a subscription with a reason code.
 */
async function startScriptedBroker(script: {
  /** Never answer CONNECT. */
  silent?: boolean;
  suback?: (qos: number, topic: string) => number;
}): Promise<ScriptedBroker> {
  const received: Packet[] = [];
  let send: (packet: Packet) => void = () => {};
  const server = http.createServer();
  const wss = websocketStream.createServer({ server, path: '/mqtt' });
  wss.on('stream', (stream) => {
    const parser = mqttPacket.parser({ protocolVersion: 5 });
    let version = 4;
    send = (packet) => stream.write(mqttPacket.generate(packet, { protocolVersion: version }));
    parser.on('packet', (packet) => {
      received.push(packet);
      if (script.silent) return;
      if (packet.cmd === 'connect') {
        version = packet.protocolVersion ?? 4;
        const connack: Packet = { cmd: 'connack', sessionPresent: false };
        if (version === 5) connack.reasonCode = 0;
        else connack.returnCode = 0;
        send(connack);
      } else if (packet.cmd === 'subscribe') {
        const granted = packet.subscriptions.map(
          (sub) => script.suback?.(sub.qos, sub.topic) ?? sub.qos,
        );
        send({ cmd: 'suback', messageId: packet.messageId, granted });
      } else if (packet.cmd === 'pingreq') {
        send({ cmd: 'pingresp' });
      }
    });
    stream.on('data', (chunk: Buffer) => parser.parse(chunk));
    stream.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(async () => {
    await closeWebSocketServer(wss);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `ws://127.0.0.1:${port}/mqtt`, received, send: (packet) => send(packet) };
}

/** The ws server's close (missing from websocket-stream's type definitions). */
function closeWebSocketServer(wss: unknown): Promise<void> {
  return new Promise((resolve) => (wss as { close(done: () => void): void }).close(resolve));
}

/** A port with nothing listening on it: bound, read, and released again. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 3_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function profile(url: string, extra: Partial<ConnectionProfile> = {}): ConnectionProfile {
  return {
    id: 'test-connection',
    url,
    clientId: `deck-test-${Math.random().toString(16).slice(2, 10)}`,
    username: '',
    password: '',
    keepaliveS: 30,
    cleanStart: true,
    protocolVersion: 4,
    ...extra,
  };
}

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

function startSession(overrides: Partial<SessionDeps> = {}) {
  const statuses: StatusEvent[] = [];
  const subscriptions: SubscriptionEvent[] = [];
  const messages: StoredMessage[] = [];
  let lastId = 41;
  const session: MqttSession = createMqttSession({
    emit: (event) => (event.type === 'status' ? statuses : subscriptions).push(event as never),
    sink: (message) => void messages.push(message),
    nextId: () => ++lastId,
    backoff: { initialDelayMs: 20, maxDelayMs: 80, multiplier: 2, jitterRatio: 0 },
    // Node's mqtt.js, looked up on each attempt so that spies on it see every connect (the
    // worker's own loadMqtt fetches the browser build).
    loadMqtt: () => Promise.resolve(mqtt),
    ...overrides,
  });
  cleanups.push(() => session.disconnect());
  const states = () => statuses.map((event) => event.state);
  return { session, statuses, subscriptions, messages, states };
}

async function brokerFor(options?: Partial<AedesOptions>, port?: number) {
  const broker = await startBroker(options, port);
  cleanups.push(() => broker.close());
  return broker;
}

async function connected(url: string, extra?: Partial<ConnectionProfile>) {
  const s = startSession();
  expect(s.session.connect(profile(url, extra))).toEqual({ ok: true });
  await waitFor(() => s.session.status().state === 'connected', 'connected');
  return s;
}

describe('mqtt session: connecting', () => {
  it('reports connecting then connected, with the broker URL and client ID', async () => {
    const broker = await brokerFor();
    const connect = vi.spyOn(mqtt, 'connect');
    const s = startSession();
    const p = profile(broker.url);
    s.session.connect(p);
    await waitFor(() => s.session.status().state === 'connected', 'connected');
    expect(s.states()).toEqual(['connecting', 'connected']);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(s.session.status()).toMatchObject({ url: broker.url, clientId: p.clientId });
  });

  it.each(['mqtt://127.0.0.1:1883', 'http://127.0.0.1/mqtt', 'foo', ''])(
    'rejects the URL %j with bad-url and makes no attempt',
    (url) => {
      const connect = vi.spyOn(mqtt, 'connect');
      const s = startSession();
      const result = s.session.connect(profile(url));
      expect(result).toMatchObject({ ok: false, code: 'bad-url' });
      expect(result.ok === false && result.message.length).toBeGreaterThan(10);
      expect(connect).not.toHaveBeenCalled();
      expect(s.statuses).toEqual([]);
    },
  );

  it('retries an unreachable broker with growing attempts until disconnect', async () => {
    const s = startSession();
    s.session.connect(profile(`ws://127.0.0.1:${await closedPort()}/mqtt`));
    await waitFor(
      () => s.statuses.some((e) => e.state === 'reconnecting' && e.attempt === 3),
      'attempt 3',
    );
    const scheduled = s.statuses.filter((e) => e.state === 'reconnecting' && e.retryInMs! > 0);
    expect(scheduled.map((e) => e.attempt).slice(0, 3)).toEqual([1, 2, 3]);
    expect(scheduled.map((e) => e.retryInMs).slice(0, 3)).toEqual([20, 40, 80]);
    expect(scheduled[0]?.error?.code).toBe('unreachable');
    expect(scheduled[0]?.error?.message).toMatch(/cannot reach the broker/i);

    await s.session.disconnect();
    const count = s.statuses.length;
    expect(s.session.status().state).toBe('disconnected');
    await sleep(200);
    expect(s.statuses.length).toBe(count);
  });

  it('stops on a refused CONNECT with "not authorized" and does not retry', async () => {
    const broker = await brokerFor({
      authenticate: (_client, _username, _password, done) =>
        done(Object.assign(new Error('bad password'), { returnCode: 4 as const }), null),
    });
    const s = startSession();
    s.session.connect(profile(broker.url, { username: 'deck', password: 'wrong' }));
    await waitFor(() => s.session.status().state === 'error', 'error state');
    expect(s.session.status().error).toMatchObject({ code: 'bad-credentials' });
    expect(s.session.status().error?.message).toMatch(/not authorized/i);
    await sleep(200);
    expect(broker.authentications).toBe(1);
    expect(s.states()).toEqual(['connecting', 'error']);
  });

  it('gives up on a broker that never answers CONNECT, and retries', async () => {
    const broker = await startScriptedBroker({ silent: true });
    const s = startSession({ connectTimeoutMs: 150 });
    s.session.connect(profile(broker.url));
    await waitFor(() => s.states().includes('reconnecting'), 'reconnecting', 2_000);
    expect(s.statuses[1]).toMatchObject({ state: 'reconnecting', attempt: 1 });
    expect(s.statuses[1]?.error).toMatchObject({ code: 'timeout', message: /did not answer/ });
  });

  it('reports a failed fetch of mqtt.js as unreachable, and fetches it again to retry', async () => {
    const broker = await brokerFor();
    let loads = 0;
    const s = startSession({
      loadMqtt: async () => {
        loads += 1;
        if (loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
        return mqtt;
      },
    });
    s.session.connect(profile(broker.url));
    await waitFor(() => s.session.status().state === 'connected', 'connected');
    expect(loads).toBe(2);
    expect(s.statuses[1]).toMatchObject({ state: 'reconnecting', attempt: 1 });
    expect(s.statuses[1]?.error).toMatchObject({
      code: 'unreachable',
      message: /could not be loaded/,
    });
  });

  it('counts fetching mqtt.js against the connect timeout', async () => {
    const s = startSession({ connectTimeoutMs: 150, loadMqtt: () => new Promise(() => {}) });
    s.session.connect(profile('ws://127.0.0.1:9/mqtt'));
    await waitFor(() => s.states().includes('reconnecting'), 'reconnecting', 2_000);
    expect(s.statuses[1]?.error).toMatchObject({ code: 'timeout', message: /did not answer/ });
  });

  it('explains an MQTT version the broker does not accept', async () => {
    const broker = await brokerFor();
    const s = startSession();
    s.session.connect(profile(broker.url, { protocolVersion: 5 }));
    await waitFor(() => s.session.status().state === 'error', 'error state');
    expect(s.session.status().error).toMatchObject({ code: 'protocol-error' });
    expect(s.session.status().error?.message).toMatch(/MQTT version.*3\.1\.1/);
  });

  it('reconnects after the broker drops it and resubscribes exactly once', async () => {
    const broker = await brokerFor();
    const s = await connected(broker.url);
    expect(await s.session.subscribe('deck/#', 1)).toEqual({ ok: true, grantedQos: 1 });
    expect(broker.subscribed).toEqual(['deck/#']);

    broker.clients.at(-1)?.close();
    await waitFor(() => s.states().includes('reconnecting'), 'reconnecting');
    await waitFor(() => s.session.status().state === 'connected', 'connected again');
    await waitFor(() => s.session.subscriptions()[0]?.state === 'granted', 'granted again');
    await sleep(100);
    expect(broker.subscribed).toEqual(['deck/#', 'deck/#']);
    const states = s.subscriptions.map((e) => e.state);
    expect(states).toEqual(['pending', 'granted', 'pending', 'granted']);

    const sender = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    cleanups.push(() => sender.endAsync());
    await sender.publishAsync('deck/after', 'still here', { qos: 1 });
    await waitFor(() => s.messages.length === 1, 'the message after reconnecting');
  });
});

describe('mqtt session: backoff after a success', () => {
  it('grows the delay while connections break at once, starts over after one that lasted', async () => {
    const broker = await brokerFor();
    let skewMs = 0;
    const s = startSession({ now: () => Date.now() + skewMs });
    s.session.connect(profile(broker.url));
    const attemptAfterDrop = async (connects: number) => {
      await waitFor(
        () => broker.clients.length === connects && s.session.status().state === 'connected',
        `connect ${connects}`,
      );
      broker.clients.at(-1)?.close();
      await waitFor(() => s.statuses.at(-1)?.state === 'reconnecting', `reconnecting ${connects}`);
      return s.statuses.at(-1)?.attempt;
    };
    expect(await attemptAfterDrop(1)).toBe(1);
    expect(await attemptAfterDrop(2)).toBe(2);
    expect(await attemptAfterDrop(3)).toBe(3);
    await waitFor(
      () => broker.clients.length === 4 && s.session.status().state === 'connected',
      'connect 4',
    );
    skewMs = 10_000; // this connection has now lasted long enough to count as a success
    broker.clients.at(-1)?.close();
    await waitFor(() => s.statuses.at(-1)?.state === 'reconnecting', 'reconnecting 4');
    expect(s.statuses.at(-1)?.attempt).toBe(1);
  });
});

describe('mqtt session: retrying now', () => {
  // A delay no test waits out: any attempt after the first is retryNow's doing.
  const LONG_BACKOFF = {
    initialDelayMs: 60_000,
    maxDelayMs: 60_000,
    multiplier: 2,
    jitterRatio: 0,
  };
  const waiting = (s: ReturnType<typeof startSession>) =>
    waitFor(
      () => s.statuses.some((e) => e.state === 'reconnecting' && e.retryInMs === 60_000),
      'a scheduled retry',
    );

  it('skips the backoff delay while reconnecting and connects to the broker that came back', async () => {
    const port = await closedPort();
    const s = startSession({ backoff: LONG_BACKOFF });
    s.session.connect(profile(`ws://127.0.0.1:${port}/mqtt`));
    await waiting(s);
    await brokerFor({}, port);
    s.session.retryNow();
    await waitFor(() => s.session.status().state === 'connected', 'connected', 2_000);
    expect(s.states()).toEqual(['connecting', 'reconnecting', 'reconnecting', 'connected']);
    expect(s.statuses[2]).toMatchObject({ attempt: 1, retryInMs: 0 });
  });

  it('makes no attempt after a refused CONNECT', async () => {
    const broker = await brokerFor({
      authenticate: (_client, _username, _password, done) =>
        done(Object.assign(new Error('bad password'), { returnCode: 4 as const }), null),
    });
    const s = startSession({ backoff: LONG_BACKOFF });
    s.session.connect(profile(broker.url));
    await waitFor(() => s.session.status().state === 'error', 'error state');
    s.session.retryNow();
    await sleep(200);
    expect(broker.authentications).toBe(1);
    expect(s.states()).toEqual(['connecting', 'error']);
  });

  it('makes no attempt after disconnect()', async () => {
    const port = await closedPort();
    const s = startSession({ backoff: LONG_BACKOFF });
    s.session.connect(profile(`ws://127.0.0.1:${port}/mqtt`));
    await waiting(s);
    await s.session.disconnect();
    const broker = await brokerFor({}, port);
    const connect = vi.spyOn(mqtt, 'connect');
    s.session.retryNow();
    await sleep(200);
    expect(connect).not.toHaveBeenCalled();
    expect(broker.authentications).toBe(0);
    expect(s.session.status().state).toBe('disconnected');
  });
});

describe('mqtt session: subscriptions', () => {
  it('resolves with the QoS the broker granted, not the one requested', async () => {
    const broker = await startScriptedBroker({ suback: (qos) => Math.min(qos, 1) });
    const s = await connected(broker.url);
    expect(await s.session.subscribe('deck/+/telemetry', 2)).toEqual({ ok: true, grantedQos: 1 });
    // Each event names its connection: the worker holds several at once.
    expect(s.subscriptions.at(-1)).toEqual({
      type: 'subscription',
      connectionId: 'test-connection',
      filter: 'deck/+/telemetry',
      state: 'granted',
      requestedQos: 2,
      grantedQos: 1,
    });
    expect(s.statuses.map((e) => e.connectionId)).toEqual(s.statuses.map(() => 'test-connection'));
    expect(s.session.subscriptions()[0]?.connectionId).toBe('test-connection');
  });

  it('reports a refusal from the broker', async () => {
    const broker = await brokerFor({
      authorizeSubscribe: (_client, _sub, done) => done(null, null),
    });
    const s = await connected(broker.url);
    const result = await s.session.subscribe('secret/#', 0);
    expect(result).toMatchObject({ ok: false, code: 'refused' });
    expect(s.session.subscriptions()).toEqual([
      expect.objectContaining({ filter: 'secret/#', state: 'refused', reason: expect.any(String) }),
    ]);
  });

  it('rejects invalid filters without sending anything', async () => {
    const broker = await brokerFor();
    const s = await connected(broker.url);
    for (const filter of ['a/#/b', 'a/b#', '+a', '', 'x'.repeat(65_536), 'a\u0000b']) {
      expect(await s.session.subscribe(filter, 0)).toMatchObject({
        ok: false,
        code: 'invalid-topic',
      });
    }
    await sleep(50);
    expect(broker.subscribed).toEqual([]);
    expect(s.subscriptions).toEqual([]);
  });

  it('refuses to subscribe while not connected', async () => {
    const s = startSession();
    expect(await s.session.subscribe('a/b', 0)).toMatchObject({ ok: false, code: 'not-connected' });
  });

  it('unsubscribes and reports the filter removed', async () => {
    const broker = await brokerFor();
    const s = await connected(broker.url);
    await s.session.subscribe('deck/#', 0);
    expect(await s.session.unsubscribe('deck/#')).toEqual({ ok: true });
    expect(s.subscriptions.at(-1)).toMatchObject({ filter: 'deck/#', state: 'removed' });
    expect(s.session.subscriptions()).toEqual([]);
  });
});

describe('mqtt session: receiving', () => {
  it('holds back the acknowledgement until the sink accepted the message', async () => {
    const broker = await startScriptedBroker({});
    let accept: () => void = () => {};
    const s = startSession({ sink: () => new Promise<void>((resolve) => (accept = resolve)) });
    s.session.connect(profile(broker.url));
    await waitFor(() => s.session.status().state === 'connected', 'connected');
    const payload = Buffer.from('x');
    broker.send({
      cmd: 'publish',
      topic: 'a',
      payload,
      qos: 1,
      messageId: 7,
      retain: false,
      dup: false,
    });
    const pubacks = () => broker.received.filter((packet) => packet.cmd === 'puback');
    await sleep(100);
    expect(pubacks()).toEqual([]);
    accept();
    await waitFor(() => pubacks().length === 1, 'the PUBACK');
    expect(pubacks()[0]).toMatchObject({ messageId: 7 });
  });

  it('hands received messages to the sink as plain byte copies with rising ids', async () => {
    const broker = await brokerFor();
    const s = await connected(broker.url);
    await s.session.subscribe('deck/#', 2);
    const sender = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    cleanups.push(() => sender.endAsync());
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x41]);
    await sender.publishAsync('deck/bin', binary, { qos: 1, retain: true });
    await sender.publishAsync('deck/text', '<img src=x onerror=alert(1)>', { qos: 2 });
    await waitFor(() => s.messages.length === 2, 'two messages');

    const [first, second] = s.messages;
    expect(Object.getPrototypeOf(first!.payload)).toBe(Uint8Array.prototype);
    expect(first!.payload.byteOffset).toBe(0);
    expect(first!.payload.buffer.byteLength).toBe(binary.length);
    expect([...first!.payload]).toEqual([...binary]);
    expect(first).toMatchObject({
      id: 42,
      connectionId: 'test-connection',
      topic: 'deck/bin',
      qos: 1,
      size: 5,
    });
    expect(second).toMatchObject({ id: 43, topic: 'deck/text', qos: 2, retain: false });
    expect(new TextDecoder().decode(second!.payload)).toBe('<img src=x onerror=alert(1)>');
    expect(typeof first!.time).toBe('number');
  });
});

describe('mqtt session: MQTT 5', () => {
  it('reports a subscription refused by reason code', async () => {
    const broker = await startScriptedBroker({
      suback: (qos, topic) => (topic.startsWith('secret/') ? 0x87 : qos),
    });
    const s = await connected(broker.url, { protocolVersion: 5 });

    const refused = await s.session.subscribe('secret/#', 1);
    expect(refused).toMatchObject({ ok: false, code: 'refused' });
    expect(refused.ok === false && refused.message).toMatch(/not authorized/i);
    expect(await s.session.subscribe('deck/#', 1)).toEqual({ ok: true, grantedQos: 1 });
  });

  it('reduces PUBLISH properties to plain cloneable values', async () => {
    const broker = await startScriptedBroker({});
    const s = await connected(broker.url, { protocolVersion: 5 });
    await s.session.subscribe('deck/#', 0);
    const correlation = Buffer.from('abcdef').subarray(2, 4);
    broker.send({
      cmd: 'publish',
      topic: 'deck/req',
      payload: Buffer.from('{}'),
      qos: 0,
      retain: false,
      dup: false,
      properties: {
        payloadFormatIndicator: true,
        contentType: 'application/json',
        responseTopic: 'deck/res',
        correlationData: correlation,
        userProperties: { unit: 'C', tag: ['a', 'b'] },
      },
    });
    await waitFor(() => s.messages.length === 1, 'the message');
    const { properties } = s.messages[0]!;
    expect(properties).toMatchObject({
      payloadFormatIndicator: true,
      contentType: 'application/json',
      responseTopic: 'deck/res',
      userProperties: { unit: 'C', tag: ['a', 'b'] },
    });
    expect([...properties!.correlationData!]).toEqual([...Buffer.from('cd')]);
    expect(Object.getPrototypeOf(properties!.correlationData)).toBe(Uint8Array.prototype);
    expect(() => structuredClone(s.messages[0])).not.toThrow();
  });
});
