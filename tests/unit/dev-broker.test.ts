// The dev broker: pub/sub over WebSocket, user refusal, big payloads, and one WS frame per PUBLISH.
import { randomBytes } from 'node:crypto';
import mqtt, { type ErrorWithReasonCode, type MqttClient } from 'mqtt';
import { generate, parser, type Packet } from 'mqtt-packet';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDevBroker, type DevBroker } from '../../broker-dev/dev-broker';

const MESSAGE_COUNT = 50;
const BIG_PAYLOAD_BYTES = 1_200_000;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startBroker(users?: Record<string, string>): Promise<DevBroker> {
  const broker = await startDevBroker({ port: 0, users });
  cleanups.push(() => broker.close());
  return broker;
}

async function connect(url: string, opts: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...opts }, false);
  cleanups.push(() => client.endAsync(true));
  return client;
}

async function connectError(url: string, opts: mqtt.IClientOptions): Promise<ErrorWithReasonCode> {
  const error: unknown = await connect(url, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as ErrorWithReasonCode;
}

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('dev broker', () => {
  it('listens on 127.0.0.1 and routes a publish to a subscriber', async () => {
    const broker = await startBroker();
    expect(broker.url).toBe(`ws://127.0.0.1:${broker.port}/mqtt`);
    const sub = await connect(broker.url);
    const received: string[] = [];
    sub.on('message', (topic, payload) => received.push(`${topic} ${payload.toString()}`));
    await sub.subscribeAsync('deck/test/+', { qos: 1 });
    const pub = await connect(broker.url);
    await pub.publishAsync('deck/test/a', 'hello', { qos: 1 });
    await waitFor(() => received.length === 1);
    expect(received).toEqual(['deck/test/a hello']);
  });

  it('refuses unknown users and wrong passwords with CONNACK 4, anonymous clients with 5', async () => {
    const broker = await startBroker({ alice: 's3cret' });
    expect((await connectError(broker.url, { username: 'alice', password: 'nope' })).code).toBe(4);
    expect((await connectError(broker.url, { username: 'mallory', password: 's3cret' })).code).toBe(
      4,
    );
    expect((await connectError(broker.url, {})).code).toBe(5);
    const ok = await connect(broker.url, { username: 'alice', password: 's3cret' });
    expect(ok.connected).toBe(true);
  });

  it('delivers a payload over 1 MB whole', async () => {
    const broker = await startBroker();
    const sub = await connect(broker.url);
    let received: Buffer | undefined;
    sub.on('message', (_topic, payload) => (received = payload));
    await sub.subscribeAsync('deck/big', { qos: 1 });
    const payload = randomBytes(BIG_PAYLOAD_BYTES);
    const pub = await connect(broker.url);
    await pub.publishAsync('deck/big', payload, { qos: 1 });
    await waitFor(() => received !== undefined);
    expect(received?.length).toBe(BIG_PAYLOAD_BYTES);
    expect(received?.equals(payload)).toBe(true);
  });

  it('sends each PUBLISH in one WebSocket frame', async () => {
    const broker = await startBroker();
    const socket = new WebSocket(broker.url, 'mqtt');
    cleanups.push(async () => socket.terminate());
    let frames = 0;
    const packets: Packet[] = [];
    const mqttParser = parser({ protocolVersion: 4 });
    mqttParser.on('packet', (packet: Packet) => packets.push(packet));
    socket.on('message', (data: Buffer) => {
      frames++;
      mqttParser.parse(data);
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const clientId = 'raw-frame-counter';
    socket.send(
      generate({
        cmd: 'connect',
        clientId,
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: true,
        keepalive: 30,
      }),
    );
    socket.send(
      generate({
        cmd: 'subscribe',
        messageId: 1,
        subscriptions: [{ topic: 'deck/frames', qos: 0 }],
      }),
    );
    await waitFor(() => packets.some((p) => p.cmd === 'suback'));

    const pub = await connect(broker.url);
    for (let i = 0; i < MESSAGE_COUNT; i++) pub.publish('deck/frames', `message ${i}`);
    const publishes = () => packets.filter((p) => p.cmd === 'publish').length;
    await waitFor(() => publishes() === MESSAGE_COUNT);

    expect(packets[0]?.cmd).toBe('connack');
    // CONNACK + SUBACK + 50 PUBLISH: at most one frame per packet. Wired through ws +
    // createWebSocketStream this would be about five frames per PUBLISH.
    expect(frames).toBeLessThanOrEqual(packets.length);
    expect(packets.length).toBe(MESSAGE_COUNT + 2);
  });

  it('close() ends connected clients and frees the port', async () => {
    const broker = await startDevBroker({ port: 0 });
    const client = await connect(broker.url);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await broker.close();
    await closed;
    const again = await startDevBroker({ port: broker.port });
    await again.close();
  });
});
