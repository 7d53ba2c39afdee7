// Issue 7, broker clusters: a profile with fallback URLs fails over from a killed broker to the
// next one of two bridged Mosquittos in the middle of a QoS 1 stream, keeping its outbox: nothing
// lost. A is frozen, then killed, with publishes sent to it and unacknowledged, so the outbox must
// carry them to B. The app speaks 5.0 (the headline: Mosquitto's Receive Maximum of 20 then bounds
// its in-flight publishes on either broker) and 3.1.1 (what most devices on a cluster speak); the
// bridge itself speaks 3.1.1.
import { describe, expect, test } from 'vitest';
import type { ConnectionProfile } from '../../shared/protocol';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { POLL_MS, connected, payloads, subscribed } from '../fixtures/browser/interop-env';
import { startMosquittoBridge } from '../fixtures/servers/mosquitto-bridge';
import { connectNodeClient } from '../fixtures/servers/node-client';
import { openWorkerApi, type WorkerApiCall } from '../fixtures/browser/worker-api';

const suite = useBrowserSuite();
const VERSIONS = [
  ['5.0', 5],
  ['3.1.1', 4],
] as const;
const STREAM_COUNT = 500;
const KILL_AT = 250;
// Publishes awaited together: several in flight, as a busy app has; A dies with a chunk in flight.
const CHUNK = 10;
const OUT = 'deck/failover/out';
const IN = 'deck/failover/in';
const DELIVERY_TIMEOUT_MS = 30_000;
const STATUS_SAMPLE_MS = 50;
const TEST_TIMEOUT_MS = 60_000;
// Fast retries, so the failover does not wait out the default backoff.
const RECONNECT = { enabled: true, initialDelayMs: 200, maxDelayMs: 1_000, maxAttempts: 0 };

/** Distinct numbers received, and how many arrived more than once. */
function tally(numbers: number[]): { distinct: Set<number>; duplicates: number } {
  const distinct = new Set(numbers);
  return { distinct, duplicates: numbers.length - distinct.size };
}

/** How many of the app's publishes are sent and not yet acknowledged. */
async function sentCount(api: WorkerApiCall): Promise<number> {
  return (await api('outbox')).filter((e) => e.state === 'sent').length;
}

interface StatusWatch {
  /** Each status change seen after `killed` was set, e.g. "reconnecting on B". */
  trace: string[];
  killed: boolean;
  /** When the app was first seen connected to B (Date.now()), or 0. */
  onB: number;
  stop(): Promise<void>;
}

/** Samples the app's status in the background while the stream runs. */
function watchStatus(api: WorkerApiCall, bUrl: string): StatusWatch {
  let running = true;
  const loop = async () => {
    while (running) {
      // A test that failed closes the page under the loop: stop there, quietly.
      const snapshot = await api('snapshot').catch(() => undefined);
      if (!snapshot) return;
      const { status } = snapshot;
      const step = `${status.state} on ${status.url === bUrl ? 'B' : 'A'}`;
      if (step === 'connected on B' && watch.onB === 0) watch.onB = Date.now();
      if (watch.killed && watch.trace.at(-1) !== step) watch.trace.push(step);
      await new Promise((resolve) => setTimeout(resolve, STATUS_SAMPLE_MS));
    }
  };
  const done = loop();
  const watch: StatusWatch = {
    trace: [],
    killed: false,
    onB: 0,
    stop: () => {
      running = false;
      return done;
    },
  };
  return watch;
}

describe('failover between bridged Mosquittos', () => {
  test('the bridge: a message published on either broker reaches a subscriber on the other', async () => {
    const { a, b } = await startMosquittoBridge(suite, { logTypes: ['error', 'warning'] });
    const onA = await connectNodeClient(suite, a.url);
    const onB = await connectNodeClient(suite, b.url);
    await onA.client.subscribeAsync('deck/bridge/#', { qos: 1 });
    await onB.client.subscribeAsync('deck/bridge/#', { qos: 1 });
    await onA.client.publishAsync('deck/bridge/from-a', 'a', { qos: 1 });
    await onB.client.publishAsync('deck/bridge/from-b', 'b', { qos: 1 });
    expect((await onB.waitFor('deck/bridge/from-a')).payload.toString()).toBe('a');
    expect((await onA.waitFor('deck/bridge/from-b')).payload.toString()).toBe('b');
    // No loop: each broker's subscriber hears each message once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(onA.received.map((m) => m.topic).sort()).toEqual([
      'deck/bridge/from-a',
      'deck/bridge/from-b',
    ]);
    expect(onB.received.map((m) => m.topic).sort()).toEqual([
      'deck/bridge/from-a',
      'deck/bridge/from-b',
    ]);
  });

  test.each(VERSIONS)(
    'MQTT %s: A killed mid-stream, the app fails over to B, every QoS 1 message arrives, the outbox is acknowledged',
    async (label, version) => {
      const bridge = await startMosquittoBridge(suite, { logTypes: ['error', 'warning'] });
      const { a, b } = bridge;
      const env = await startDevEnv(suite);
      const { page } = await suite.newPage();
      await DeckApp.open(page, env.appUrl);
      const api = await openWorkerApi(page);
      const profile: ConnectionProfile = {
        id: 'failover',
        url: a.url,
        fallbackUrls: [b.url],
        clientId: `deck-failover-${version}`,
        username: '',
        password: '',
        keepaliveS: 10,
        cleanStart: false,
        ...(version === 5 ? { sessionExpiryS: 300 } : {}),
        protocolVersion: version,
        reconnect: RECONNECT,
      };
      const subscriber = await connectNodeClient(suite, b.url, { protocolVersion: version });
      await subscriber.client.subscribeAsync(`${OUT}/#`, { qos: 1 });
      // What A routed before it died: tells a message the bridge lost from one the app never sent.
      const onA = await connectNodeClient(suite, a.url, { protocolVersion: version });
      await onA.client.subscribeAsync(`${OUT}/#`, { qos: 1 });
      await connected(api, profile);
      expect((await api('snapshot')).status.url).toBe(a.url);
      await subscribed(api, `${IN}/#`, 1);

      // B to the app on A, through the bridge.
      const publisher = await connectNodeClient(suite, b.url, { protocolVersion: version });
      await publisher.client.publishAsync(`${IN}/before`, 'before', { qos: 1 });
      await expect.poll(() => payloads(api, IN), { timeout: POLL_MS }).toContain('before');

      const numbers = () =>
        subscriber.received.filter((m) => m.topic === `${OUT}/n`).map((m) => Number(m.payload));
      let killedAt = 0;
      let queued = 0;
      const watch = watchStatus(api, b.url);
      suite.defer(() => watch.stop());
      for (let start = 0; start < STREAM_COUNT; start += CHUNK) {
        if (start === KILL_AT) {
          // Everything A acknowledged so far is on B first: A acknowledges a message once it
          // has queued it for the bridge, not once B has it, and what it held dies with it.
          await expect
            .poll(() => tally(numbers()).distinct.size, { timeout: POLL_MS })
            .toBe(KILL_AT);
          bridge.freezeA();
        }
        const calls = Array.from({ length: CHUNK }, (_, i) =>
          api('publish', `${OUT}/n`, String(start + i), { qos: 1, retain: false }),
        );
        if (start === KILL_AT) {
          // Sent to a frozen A, which never reads them: only the app can get them to B.
          await expect.poll(() => sentCount(api), { timeout: POLL_MS }).toBe(CHUNK);
          await bridge.killA();
          killedAt = Date.now();
          watch.killed = true;
        }
        const results = await Promise.all(calls);
        for (const result of results) expect(result).toMatchObject({ ok: true });
        queued += results.filter((r) => r.ok && r.queued).length;
        // The connection to A ended before any of them was acknowledged.
        if (start === KILL_AT) expect(results.every((r) => r.ok && r.queued)).toBe(true);
      }
      await expect
        .poll(async () => (await api('snapshot')).status, { timeout: POLL_MS })
        .toMatchObject({ state: 'connected', url: b.url });
      await watch.stop();
      console.log(
        `failover ${label}: statuses after the kill ${watch.trace.join(' → ')}; ` +
          `connected to B ${watch.onB - killedAt} ms after A was killed; ` +
          `${queued} publishes left queued (sent again or first sent on B)`,
      );

      await expect
        .poll(() => tally(numbers()).distinct.size, { timeout: DELIVERY_TIMEOUT_MS })
        .toBeGreaterThanOrEqual(STREAM_COUNT)
        .catch(() => undefined);
      const { distinct, duplicates } = tally(numbers());
      const missing = Array.from({ length: STREAM_COUNT }, (_, n) => n).filter(
        (n) => !distinct.has(n),
      );
      console.log(
        `failover ${label}: ${distinct.size} of ${STREAM_COUNT} distinct, ${duplicates} ` +
          `duplicates, killed in the chunk from ${KILL_AT}`,
      );
      const seenOnA = new Set(onA.received.map((m) => Number(m.payload)));
      const bridgeLost = missing.filter((n) => seenOnA.has(n));
      expect(
        missing,
        `numbers B never delivered (A had ${bridgeLost.join(', ') || 'none'})`,
      ).toEqual([]);
      expect([...distinct].every((n) => Number.isInteger(n) && n >= 0 && n < STREAM_COUNT)).toBe(
        true,
      );

      await expect
        .poll(async () => (await api('outbox')).filter((e) => e.state !== 'acknowledged').length, {
          timeout: POLL_MS,
        })
        .toBe(0);
      expect((await api('outbox')).length).toBe(STREAM_COUNT);

      // B to the app on B: its subscription was restored there.
      await publisher.client.publishAsync(`${IN}/after`, 'after', { qos: 1 });
      await expect.poll(() => payloads(api, IN), { timeout: POLL_MS }).toContain('after');
    },
    TEST_TIMEOUT_MS,
  );
});
