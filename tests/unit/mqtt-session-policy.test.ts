// The session's reconnect policy (off, a limit of failed attempts, its own delays) and what it
// takes from an MQTT 5 CONNACK (Assigned Client Identifier, broker limits), over real sockets.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionProfile, ReconnectPolicy } from '../../shared/protocol';
import {
  cleanups,
  closedPort,
  startAedes,
  sessionProfile,
  startScriptedV5,
  startSession,
  waitFor,
} from '../fixtures/fakes/mqtt-session-brokers';

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const profile = (url: string, extra: Partial<ConnectionProfile> = {}) =>
  sessionProfile('policy', url, extra);

const policy = (extra: Partial<ReconnectPolicy>): ReconnectPolicy => ({
  enabled: true,
  initialDelayMs: 100,
  maxDelayMs: 100,
  maxAttempts: 0,
  ...extra,
});

describe('mqtt session: reconnect policy', () => {
  it('with reconnect off, a failed attempt stays disconnected with the error', async () => {
    const s = startSession();
    const url = `ws://127.0.0.1:${await closedPort()}/mqtt`;
    s.session.connect(profile(url, { reconnect: policy({ enabled: false }) }));
    await waitFor(() => s.session.status().state === 'disconnected', 'disconnected');
    expect(s.session.status().error).toMatchObject({ code: 'unreachable' });
    await sleep(250);
    expect(s.clients).toHaveLength(1);
  });

  it('with reconnect off, a lost connection is not retried', async () => {
    const broker = await startAedes();
    const s = startSession();
    s.session.connect(profile(broker.url, { reconnect: policy({ enabled: false }) }));
    await waitFor(() => s.session.status().state === 'connected', 'connected');
    broker.clients.at(-1)!.close();
    await waitFor(() => s.session.status().state === 'disconnected', 'disconnected');
    expect(s.session.status().error?.message).toMatch(/lost/);
    await sleep(250);
    expect(s.clients).toHaveLength(1);
    expect(s.statuses.map((e) => e.state)).not.toContain('reconnecting');
  });

  it('gives up after maxAttempts failed attempts in a row, saying so', async () => {
    const s = startSession();
    const url = `ws://127.0.0.1:${await closedPort()}/mqtt`;
    s.session.connect(profile(url, { reconnect: policy({ maxAttempts: 3 }) }));
    await waitFor(() => s.session.status().state === 'error', 'error');
    expect(s.session.status().error?.message).toMatch(
      /^Gave up after 3 failed attempts in a row\. The last: .*127\.0\.0\.1/,
    );
    await sleep(250);
    expect(s.clients).toHaveLength(3);
  });

  it("waits the profile's delays, doubling up to its maximum", async () => {
    const s = startSession({ random: () => 0 });
    const url = `ws://127.0.0.1:${await closedPort()}/mqtt`;
    s.session.connect(
      profile(url, { reconnect: policy({ initialDelayMs: 100, maxDelayMs: 250 }) }),
    );
    const waits = () =>
      s.statuses.filter((e) => e.state === 'reconnecting' && e.retryInMs).map((e) => e.retryInMs);
    await waitFor(() => waits().length >= 3, 'three delays');
    expect(waits().slice(0, 3)).toEqual([100, 200, 250]);
  });
});

describe('mqtt session: MQTT 5 CONNACK', () => {
  it('adopts the Assigned Client Identifier and reports the broker limits while connected', async () => {
    const broker = await startScriptedV5({
      sessionPresent: false,
      reasonCode: 0,
      properties: {
        assignedClientIdentifier: 'auto-7F3A',
        serverKeepAlive: 20,
        receiveMaximum: 12,
        topicAliasMaximum: 4,
        retainAvailable: false,
        reasonString: 'x'.repeat(5_000),
      },
    });
    const s = startSession();
    s.session.connect(profile(broker.url, { clientId: '', protocolVersion: 5 }));
    await waitFor(() => s.session.status().state === 'connected', 'connected');
    const status = s.session.status();
    expect(status.clientId).toBe('auto-7F3A');
    expect(status.broker).toMatchObject({
      serverKeepAliveS: 20,
      receiveMaximum: 12,
      topicAliasMaximum: 4,
      retainAvailable: false,
    });
    expect(status.broker?.reasonString?.length).toBeLessThanOrEqual(1_025);
    expect(s.statuses.filter((e) => e.state !== 'connected').some((e) => e.broker)).toBe(false);

    // The next attempt of the same Connect asks for the assigned identifier.
    broker.dropAll();
    await waitFor(() => s.clients.length === 2 && s.session.status().state === 'connected', 'back');
    const connects = broker.received.filter((p) => p.cmd === 'connect');
    expect(connects.map((p) => p.cmd === 'connect' && p.clientId)).toEqual(['', 'auto-7F3A']);
    const lost = s.statuses.find((e) => e.state === 'reconnecting');
    expect(lost?.broker).toBeUndefined();
  });

  it('sends the will and connect properties on the wire', async () => {
    const broker = await startScriptedV5({ sessionPresent: false, reasonCode: 0 });
    const s = startSession();
    s.session.connect(
      profile(broker.url, {
        protocolVersion: 5,
        will: {
          topic: 'deck/will',
          payload: 'gone',
          qos: 1,
          retain: true,
          delayIntervalS: 5,
          correlationData: 'réq-1',
          userProperties: { a: ['1', '2'] },
        },
        connectProperties: { receiveMaximum: 7, topicAliasMaximum: 3, maximumPacketSize: 4096 },
      }),
    );
    await waitFor(() => s.session.status().state === 'connected', 'connected');
    const connect = broker.received.find((p) => p.cmd === 'connect');
    if (connect?.cmd !== 'connect') throw new Error('no CONNECT');
    expect(connect.will).toMatchObject({ topic: 'deck/will', qos: 1, retain: true });
    expect(connect.will?.payload.toString()).toBe('gone');
    expect(connect.will?.properties?.willDelayInterval).toBe(5);
    expect([...connect.will!.properties!.correlationData!]).toEqual([
      ...new TextEncoder().encode('réq-1'),
    ]);
    expect(connect.will?.properties?.userProperties).toEqual({ a: ['1', '2'] });
    expect(connect.properties).toMatchObject({
      receiveMaximum: 7,
      topicAliasMaximum: 3,
      maximumPacketSize: 4096,
    });
  });
});
