// Issue 4, fault scenario 1: Mosquitto (with persistence) stopped and started again on the same
// port during a stream of 10,000 QoS 1 and 10,000 QoS 2 messages to the app on a persistent
// session. Everything sent is stored; QoS 2 exactly once.
import { describe, expect, test } from 'vitest';
import { CONNECTED, DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { describeDelivery, publishStream, storedDelivery } from '../fixtures/browser/fault-stream';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { startMosquitto, type MosquittoOptions } from '../fixtures/servers/mosquitto';

const suite = useBrowserSuite();
const PER_QOS = 10_000;
// Mosquitto's in-flight window (both ways), and the publisher's chunk: half of it (fault-stream).
const MAX_INFLIGHT = 100;
const CHUNK = 50;
const BASE_TOPIC = 'deck/fault/restart';
// Stop the broker once this many messages are stored: well inside the stream.
const RESTART_AFTER_STORED = 5_000;
const TEST_TIMEOUT_MS = 150_000;
const DELIVERY_TIMEOUT_MS = 90_000;

describe('fault: broker restart', () => {
  test(
    'Mosquitto restarted mid-stream: every QoS 1 and QoS 2 message stored, QoS 2 once',
    async () => {
      const env = await startDevEnv(suite);
      const persistenceDir = await suite.tempDir('deck-mosquitto-db-');
      const opts: MosquittoOptions = {
        persistenceDir,
        // Unlimited queue: Mosquitto would drop QoS 1/2 beyond 1,000 queued while the app is
        // away. A wider in-flight window than the default 20 keeps the stream quick.
        settings: ['max_queued_messages 0', `max_inflight_messages ${MAX_INFLIGHT}`],
        logTypes: ['error', 'warning'],
      };
      let broker = await startMosquitto(opts);
      suite.defer(() => broker.stop());
      Object.assign(opts, { port: broker.port, tcpPort: broker.tcpPort });

      const { page } = await suite.newPage();
      const app = await DeckApp.open(page, env.appUrl);
      await app.field('Clean start').setChecked(false);
      await app.connectAndWait({ url: broker.url, clientId: 'deck-restart', version: '5.0' });
      await app.subscribe(`${BASE_TOPIC}/#`, 2);

      const stream = await publishStream(suite, broker.tcpPort, BASE_TOPIC, {
        clientId: 'deck-restart-publisher',
        perQos: PER_QOS,
        chunk: CHUNK,
      });
      await expect
        .poll(() => app.storedCount(), { timeout: 30_000, interval: 100 })
        .toBeGreaterThanOrEqual(RESTART_AFTER_STORED);
      // SIGTERM: Mosquitto writes its database on the way out. A SIGKILL would lose what it
      // acknowledged since the last autosave, a loss of the broker's making, not the app's.
      await broker.stop();
      await app.expectStatus(/Reconnecting/);
      const storedAtStop = await app.storedCount();
      broker = await startMosquitto(opts);
      await app.expectStatus(CONNECTED, 30_000);
      await stream.done();
      // The restart, and nothing else, took the publisher away once.
      expect(stream.reconnects()).toBe(1);

      const result = await storedDelivery(page, BASE_TOPIC, PER_QOS, DELIVERY_TIMEOUT_MS);
      console.log(
        `broker restarted at ${storedAtStop} stored\n${describeDelivery('restart', result)}`,
      );
      for (const d of result) {
        expect(d.lost, `QoS ${d.qos} lost`).toBe(0);
        expect(d.unexpected, `QoS ${d.qos} unexpected`).toBe(0);
      }
      expect(result.find((d) => d.qos === 2)?.duplicated, 'QoS 2 duplicated').toBe(0);
    },
    TEST_TIMEOUT_MS,
  );
});
