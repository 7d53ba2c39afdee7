// Paho's MQTT 5 client interop scenarios against Mosquitto with the app's worker as the client:
// session expiry, user properties, an assigned client identifier, maximum packet size, and flow
// control (never more QoS 1 in flight than the broker's Receive Maximum).
import { describe, expect, test } from 'vitest';
import type { OutboxState } from '../../shared/protocol';
import { useBrowserSuite } from '../fixtures/browser/harness';
import {
  POLL_MS,
  connected,
  disconnected,
  payloads,
  startInterop,
  subscribed,
  type InteropEnv,
} from '../fixtures/browser/interop-env';
import { startWsProxy } from '../fixtures/servers/ws-proxy';

const suite = useBrowserSuite();
const MOSQUITTO_5 = { kind: 'mosquitto', version: 5 } as const;
const SESSION_EXPIRY_S = 2;
// Mosquitto checks expiry about once a second: well past the interval, the session is gone.
const PAST_EXPIRY_MS = 4_000;
const RECEIVE_MAXIMUM = 2;
const MAX_PACKET_SIZE = 1_024;

async function publishAndWait(env: InteropEnv, topic: string, payload: string): Promise<void> {
  const publisher = await env.nodeClient();
  await publisher.client.publishAsync(topic, payload, { qos: 1 });
  const prefix = topic.slice(0, topic.lastIndexOf('/'));
  await expect
    .poll(async () => (await payloads(env.api, prefix)).includes(payload), { timeout: POLL_MS })
    .toBe(true);
}

describe('interop on Mosquitto MQTT 5.0', () => {
  test('session expiry: a session is kept within its 2 s interval and gone after it', async () => {
    const env = await startInterop(suite, MOSQUITTO_5);
    const { api } = env;
    const profile = env.profile({ cleanStart: false, sessionExpiryS: SESSION_EXPIRY_S });
    const publisher = await env.nodeClient();
    await connected(api, profile);
    await subscribed(api, 'deck/exp/#', 1);
    await disconnected(api);
    await publisher.client.publishAsync('deck/exp/a', 'kept', { qos: 1 });
    await connected(api, profile);
    await expect.poll(() => payloads(api, 'deck/exp'), { timeout: POLL_MS }).toEqual(['kept']);

    await disconnected(api);
    // The scenario is time passing: nothing to poll for while the broker holds no connection.
    await new Promise((resolve) => setTimeout(resolve, PAST_EXPIRY_MS));
    await publisher.client.publishAsync('deck/exp/a', 'lost', { qos: 1 });
    await connected(api, profile);
    // A new session has no subscription: subscribe again before the marker.
    await subscribed(api, 'deck/exp/#', 1);
    await publishAndWait(env, 'deck/exp/end', 'end');
    expect(await payloads(api, 'deck/exp')).toEqual(['kept', 'end']);
  });

  test('user properties round trip, and the received ones are stored', async () => {
    const env = await startInterop(suite, MOSQUITTO_5);
    const { api } = env;
    await connected(api, env.profile());
    await subscribed(api, 'deck/up/#', 1);
    const other = await env.nodeClient();
    await other.client.subscribeAsync('deck/up/from-app', { qos: 1 });

    const sent = { unit: 'celsius', tag: ['a', 'b'] };
    const options = { qos: 1, retain: false, userProperties: sent } as const;
    expect(await api('publish', 'deck/up/from-app', '21.5', options)).toMatchObject({ ok: true });
    const got = await other.waitFor('deck/up/from-app');
    expect(got.packet.properties?.userProperties).toEqual(sent);

    await other.client.publishAsync('deck/up/from-node', 'x', {
      qos: 1,
      properties: { userProperties: { origin: 'node', multi: ['1', '2'] } },
    });
    await expect
      .poll(
        async () => {
          const query = { limit: 10, topicFilter: 'deck/up/#', direction: 'received' } as const;
          const page = await api('readHistory', query);
          return page.messages.map((m) => [m.topic, m.properties?.userProperties]);
        },
        { timeout: POLL_MS },
      )
      .toEqual([
        ['deck/up/from-node', { origin: 'node', multi: ['1', '2'] }],
        ['deck/up/from-app', sent],
      ]);
  });

  test('an empty client ID: the broker assigns one and the connection works', async () => {
    const env = await startInterop(suite, MOSQUITTO_5);
    const { api } = env;
    await connected(api, env.profile({ clientId: '' }));
    const assigned = /New client connected from .* as (auto-[0-9A-F-]+)/.exec(
      await env.brokerLog(),
    )?.[1];
    expect(assigned).toBeDefined();
    const status = (await api('snapshot')).status;
    // The status shows the broker's identifier, not the empty one the profile asked with.
    expect(status).toMatchObject({ state: 'connected', clientId: assigned });
    await subscribed(api, 'deck/assigned/#', 1);
    await publishAndWait(env, 'deck/assigned/x', 'hello');
  });

  test('maximum packet size: a bigger publish is refused at once and never retried', async () => {
    const env = await startInterop(suite, MOSQUITTO_5, {
      settings: [`max_packet_size ${MAX_PACKET_SIZE}`],
    });
    const { api } = env;
    await connected(api, env.profile());
    const before = (await api('snapshot')).status;
    const big = await api('publish', 'deck/big', 'x'.repeat(MAX_PACKET_SIZE * 2), {
      qos: 1,
      retain: false,
    });
    expect(big).toMatchObject({ ok: false, code: 'packet-too-large' });
    if (!big.ok) expect(big.message).toMatch(/1,024 bytes/);
    const pending = (await api('outbox')).filter((e) => e.topic === 'deck/big');
    expect(pending.filter((e) => e.state === 'queued' || e.state === 'sent')).toEqual([]);
    await subscribed(api, 'deck/small', 1);
    expect(await api('publish', 'deck/small', 'fits', { qos: 1, retain: false })).toMatchObject({
      ok: true,
      acknowledged: true,
    });
    expect((await env.brokerLog()).match(/Received PUBLISH .*deck\/big/)).toBeNull();
    // The same connection throughout: a drop and reconnect would have stamped a new status.
    expect((await api('snapshot')).status).toEqual(before);
  });

  test('flow control: never more QoS 1 in flight than the broker’s Receive Maximum', async () => {
    const COUNT = 6;
    const env = await startInterop(suite, MOSQUITTO_5, {
      settings: [`max_inflight_messages ${RECEIVE_MAXIMUM}`],
    });
    const { api } = env;
    const proxy = await startWsProxy(env.port);
    suite.defer(() => proxy.close());
    const profile = env.profile({ url: proxy.url });
    await connected(api, profile);
    // No PUBACK reaches the app: every publish it sends stays in flight.
    proxy.stall('downstream');
    for (let i = 0; i < COUNT; i++) {
      void api('publish', `deck/flow/${i}`, `m${i}`, { qos: 1, retain: false }).catch(() => {});
    }
    const states = async () => {
      const entries = (await api('outbox')).filter((e) => e.topic.startsWith('deck/flow/'));
      const counts: Partial<Record<OutboxState, number>> = {};
      for (const e of entries) counts[e.state] = (counts[e.state] ?? 0) + 1;
      return counts;
    };
    await expect
      .poll(states, { timeout: POLL_MS })
      .toEqual({ sent: RECEIVE_MAXIMUM, queued: COUNT - RECEIVE_MAXIMUM });
    const received = new RegExp(`Received PUBLISH from ${profile.clientId} .*deck/flow`, 'g');
    const brokerGot = async () => (await env.brokerLog()).match(received)?.length ?? 0;
    await expect.poll(brokerGot, { timeout: POLL_MS }).toBe(RECEIVE_MAXIMUM);

    proxy.resume('downstream');
    await expect.poll(states, { timeout: POLL_MS }).toEqual({ acknowledged: COUNT });
    expect(await brokerGot()).toBe(COUNT);
  });
});
