// Paho client interop scenarios on a clean session, with the app's worker as the client under test:
// retained messages, overlapping subscriptions, `$` topics and unsubscribe, on every broker.
import { describe, expect, test } from 'vitest';
import { useBrowserSuite } from '../fixtures/browser/harness';
import {
  BROKERS,
  POLL_MS,
  arrived,
  connected,
  payloads,
  startInterop,
  subscribed,
} from '../fixtures/browser/interop-env';

const suite = useBrowserSuite();
// Copies of a message matching two subscriptions: both specs allow one or one per subscription.
// Mosquitto sends one per subscription on 5.0 only (changelog 1.6.3: "Fix MQTT v5 overlapping
// subscription behaviour"); Aedes sends one.
const OVERLAP_COPIES: Record<string, number> = {
  'Mosquitto MQTT 3.1.1': 1,
  'Mosquitto MQTT 5.0': 2,
  'Aedes MQTT 3.1.1': 1,
};

describe.each(BROKERS)('interop on $name', (broker) => {
  test('retained messages at QoS 0, 1 and 2, then cleared by empty retained publishes', async () => {
    const env = await startInterop(suite, broker);
    const { api } = env;
    await connected(api, env.profile());
    for (const qos of [0, 1, 2] as const) {
      const result = await api('publish', `deck/ret/q${qos}`, `kept ${qos}`, { qos, retain: true });
      expect(result).toMatchObject({ ok: true });
    }
    await subscribed(api, 'deck/ret/#', 2);
    await expect
      .poll(async () => (await arrived(api, 'deck/ret')).filter((m) => m.retain), {
        timeout: POLL_MS,
      })
      .toHaveLength(3);
    const retained = (await arrived(api, 'deck/ret')).filter((m) => m.retain);
    expect(retained.map((m) => m.payload).sort()).toEqual(['kept 0', 'kept 1', 'kept 2']);

    for (const qos of [0, 1, 2] as const) {
      expect(await api('publish', `deck/ret/q${qos}`, '', { qos, retain: true })).toMatchObject({
        ok: true,
      });
    }
    expect(await api('unsubscribe', 'deck/ret/#')).toMatchObject({ ok: true });
    await subscribed(api, 'deck/ret/#', 2);
    // A live marker after the new subscription: every retained message would have come before it.
    await api('publish', 'deck/ret/marker', 'end', { qos: 1, retain: false });
    await expect
      .poll(async () => (await payloads(api, 'deck/ret')).includes('end'), { timeout: POLL_MS })
      .toBe(true);
    expect((await arrived(api, 'deck/ret')).filter((m) => m.retain)).toHaveLength(3);
  });

  test('overlapping subscriptions: the app stores every copy the broker delivers', async () => {
    const env = await startInterop(suite, broker);
    const { api } = env;
    await connected(api, env.profile());
    await subscribed(api, 'deck/ov/#', 2);
    await subscribed(api, 'deck/ov/+', 1);
    // A reference client with the same subscriptions shows what this broker delivers.
    const reference = await env.nodeClient();
    await reference.client.subscribeAsync({ 'deck/ov/#': { qos: 2 }, 'deck/ov/+': { qos: 1 } });
    const publisher = await env.nodeClient();
    await publisher.client.publishAsync('deck/ov/x', 'both', { qos: 2 });
    // Only the # filter matches the marker: every copy of the first message is in before it.
    await publisher.client.publishAsync('deck/ov/m/end', 'end', { qos: 2 });
    await reference.waitFor('deck/ov/m/end');
    await expect
      .poll(async () => (await payloads(api, 'deck/ov')).includes('end'), { timeout: POLL_MS })
      .toBe(true);
    const expected = reference.received.filter((m) => m.topic === 'deck/ov/x');
    const copies = (await arrived(api, 'deck/ov')).filter((m) => m.topic === 'deck/ov/x');
    console.log(`${broker.name}: overlapping subscriptions, ${expected.length} copies delivered`);
    expect(expected).toHaveLength(OVERLAP_COPIES[broker.name] ?? 0);
    expect(copies.map((m) => m.qos).sort()).toEqual(expected.map((m) => m.packet.qos).sort());
    // The spec: a copy carries the highest QoS of the matching subscriptions. Mosquitto 2.0.11
    // meets it on 5.0 only: on 3.1.1 its one copy has the QoS of the first match it finds.
    if (broker.name !== 'Mosquitto MQTT 3.1.1')
      expect(Math.max(...copies.map((m) => m.qos))).toBe(2);
  });

  test('`$` topics are not matched by #, but by a filter starting with $', async () => {
    const env = await startInterop(suite, broker);
    const { api } = env;
    await connected(api, env.profile());
    await subscribed(api, '#', 1);
    const publisher = await env.nodeClient();
    await publisher.client.publishAsync('$test/x', 'hidden', { qos: 1 });
    await publisher.client.publishAsync('deck/dollar/end', 'end', { qos: 1 });
    await expect
      .poll(async () => (await payloads(api, 'deck/dollar')).includes('end'), {
        timeout: POLL_MS,
      })
      .toBe(true);
    expect(await payloads(api, '$test')).toEqual([]);

    await subscribed(api, '$test/#', 1);
    await publisher.client.publishAsync('$test/x', 'seen', { qos: 1 });
    await expect.poll(() => payloads(api, '$test'), { timeout: POLL_MS }).toEqual(['seen']);
  });

  test('unsubscribe: nothing more arrives on the filter once UNSUBACK came back', async () => {
    const env = await startInterop(suite, broker);
    const { api } = env;
    await connected(api, env.profile());
    await subscribed(api, 'deck/unsub/#', 1);
    await subscribed(api, 'deck/still', 1);
    const publisher = await env.nodeClient();
    await publisher.client.publishAsync('deck/unsub/a', 'before', { qos: 1 });
    await expect.poll(() => payloads(api, 'deck/unsub'), { timeout: POLL_MS }).toEqual(['before']);

    expect(await api('unsubscribe', 'deck/unsub/#')).toMatchObject({ ok: true });
    await publisher.client.publishAsync('deck/unsub/a', 'after', { qos: 1 });
    await publisher.client.publishAsync('deck/still', 'end', { qos: 1 });
    await expect.poll(() => payloads(api, 'deck/still'), { timeout: POLL_MS }).toEqual(['end']);
    expect(await payloads(api, 'deck/unsub')).toEqual(['before']);
    const filters = (await api('snapshot')).subscriptions.map((s) => `${s.filter} ${s.state}`);
    expect(filters).not.toContain('deck/unsub/# granted');
  });
});
