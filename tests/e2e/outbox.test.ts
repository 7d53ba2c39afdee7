// Nothing lost on the way out (issue 4): the Outbox keeps every publish through a reload or a
// closed tab and sends it on the next connect, in order; scenarios 3 and 4 of the fault table.
import mqtt from 'mqtt';
import type { Locator } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { CONNECTED, DISCONNECTED, DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { startMosquitto } from '../fixtures/servers/mosquitto';
import { connectNodeClient } from '../fixtures/servers/node-client';
import {
  countRecords,
  outboxStates,
  publishThroughWorker,
  readOutbox,
} from '../fixtures/browser/outbox-page';
import { startScriptedBroker } from '../fixtures/servers/scripted-broker';
import { OUTBOX_KEEP_FINISHED } from '../../worker/outbox/outbox-rules';

const suite = useBrowserSuite();
const UI_TIMEOUT_MS = 10_000;

function outboxRegion(app: DeckApp): Locator {
  return app.page.getByRole('region', { name: 'Outbox', exact: true });
}

/** The Outbox row of `topic` (topics are unique in these tests). */
function outboxRow(app: DeckApp, topic: string): Locator {
  return outboxRegion(app)
    .getByRole('listitem')
    .filter({ has: app.page.getByText(topic, { exact: true }) });
}

async function expectRowState(app: DeckApp, topic: string, state: RegExp): Promise<void> {
  await expect
    .poll(() => outboxRow(app, topic).textContent(), { timeout: UI_TIMEOUT_MS })
    .toMatch(state);
}

function report(scenario: string, published: number, delivered: number, dups: string): void {
  const lost = published - delivered;
  console.log(`${scenario}: published ${published}, delivered ${delivered}, lost ${lost}, ${dups}`);
}

describe('outbox', () => {
  test('scenario 4: 100 published offline, the tab closed, reopened online: all delivered in order', async () => {
    const COUNT = 100;
    const TOPIC = 'deck/outbox4';
    const env = await startDevEnv(suite);
    const node = await connectNodeClient(suite, env.broker.url);
    await node.client.subscribeAsync(`${TOPIC}/#`, { qos: 1 });
    const { page } = await suite.newPage();
    const context = page.context();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait({ clientId: 'deck-outbox4' });
    await app.button('Disconnect').click();
    await app.expectStatus(DISCONNECTED);
    await context.setOffline(true);

    await app.field('Publish QoS').selectOption('1');
    for (let i = 0; i < COUNT; i++) {
      // As app.publish does, without re-choosing QoS and Retain each time.
      await app.field('Publish topic').fill(`${TOPIC}/${i}`);
      await app.field('Payload').fill(`m${i}`);
      await app.button('Publish').click();
      await expect.poll(() => app.publishResult()).toMatch(/Queued/);
    }
    // One more, cancelled while queued: it must never reach the broker.
    await app.publish(`${TOPIC}/cancelled`, 'never', { qos: 1 });
    await expectRowState(app, `${TOPIC}/cancelled`, /queued/);
    await expectRowState(app, `${TOPIC}/${COUNT - 1}`, /queued/);
    await outboxRow(app, `${TOPIC}/cancelled`).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => outboxRow(app, `${TOPIC}/cancelled`).count()).toBe(0);
    expect(await outboxStates(page)).toEqual({ queued: COUNT });

    await page.close();
    await context.setOffline(false);
    const reopened = suite.watch(await context.newPage());
    const again = await DeckApp.open(reopened.page, env.appUrl);
    await expect.poll(() => again.field('Client ID').inputValue()).toBe('deck-outbox4');
    await expectRowState(again, `${TOPIC}/0`, /queued/);
    await again.connectAndWait();

    await expect
      .poll(() => node.received.length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(COUNT);
    await expectRowState(again, `${TOPIC}/${COUNT - 1}`, /acknowledged/);
    await expect
      .poll(() => outboxStates(reopened.page), { timeout: UI_TIMEOUT_MS })
      .toEqual({ acknowledged: COUNT });
    const delivered = node.received.map((m) => m.topic);
    expect(delivered).toEqual(Array.from({ length: COUNT }, (_, i) => `${TOPIC}/${i}`));
    expect(env.counts.publishes.get(`${TOPIC}/cancelled`)).toBeUndefined();
    report('scenario 4', COUNT, new Set(delivered).size, `${delivered.length - COUNT} duplicated`);
  }, 120_000);

  test('a persistent MQTT 5 session, and a broker refusal shown failed with its reason', async () => {
    const env = await startDevEnv(suite);
    const broker = await startScriptedBroker(suite, () => false);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.field('MQTT version').selectOption({ label: '5.0' });
    await app.field('Persistent session').setChecked(true);
    await app.field('Session expiry (s)').fill('120');
    await app.connectAndWait({ url: broker.url, clientId: 'deck-refused' });
    const connection = await broker.connection(1);
    // Persistent session: clean start off, the client ID given, the session expiry asked for.
    expect(await connection.next((p) => p.cmd === 'connect')).toMatchObject({
      clean: false,
      clientId: 'deck-refused',
      properties: { sessionExpiryInterval: 120 },
    });
    await app.publish('deck/forbidden', 'x', { qos: 1 });
    const publish = await connection.next((p) => p.cmd === 'publish');
    const messageId = (publish as { messageId?: number }).messageId ?? 0;
    connection.send({ cmd: 'puback', messageId, reasonCode: 0x87 });

    await expectRowState(app, 'deck/forbidden', /failed/);
    await expectRowState(app, 'deck/forbidden', /Not authorized/);
    await expect.poll(() => app.publishResult()).toMatch(/Failed: Not authorized/);
    expect(
      await outboxRow(app, 'deck/forbidden')
        .getByRole('button', { name: /Cancel/ })
        .count(),
    ).toBe(0);
    await app.expectStatus(CONNECTED);
  });

  test('clean start after a persistent session: its QoS state is cleared, the message resent', async () => {
    const env = await startDevEnv(suite);
    const broker = await startScriptedBroker(suite, () => false);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.field('Persistent session').setChecked(true);
    await app.connectAndWait({ url: broker.url, clientId: 'deck-clean-again', version: '3.1.1' });
    const first = await broker.connection(1);
    await app.publish('deck/unanswered', 'once', { qos: 1 });
    await first.next((p) => p.cmd === 'publish');
    // Never acknowledged: the packet waits in the persistent session's outgoing store.
    await expectRowState(app, 'deck/unanswered', /sent/);
    await expect.poll(() => countRecords(page, 'qos')).toBe(1);
    await app.button('Disconnect').click();
    await app.expectStatus(DISCONNECTED);

    await app.field('Clean start').setChecked(true);
    expect(await app.field('Persistent session').isChecked()).toBe(false);
    await app.button('Connect').click();
    const second = await broker.connection(2);
    // The broker forgot the session: the outbox sends it again, at least once.
    const resent = await second.next((p) => p.cmd === 'publish');
    await expect.poll(() => countRecords(page, 'qos')).toBe(0);
    second.send({ cmd: 'puback', messageId: (resent as { messageId?: number }).messageId ?? 0 });
    await expectRowState(app, 'deck/unanswered', /acknowledged/);
  });

  test('scenario 3: a reload with 1,000 QoS 1 and 1,000 QoS 2 publishes unacknowledged', async () => {
    const EACH = 1_000;
    const TOPIC = 'deck/outbox3';
    const env = await startDevEnv(suite);
    const mosquitto = await startMosquitto({
      // Nothing dropped for the subscriber, no in-flight limit for the app's burst.
      settings: ['max_queued_messages 0', 'max_inflight_messages 0'],
      logTypes: ['error', 'warning'],
    });
    suite.defer(() => mosquitto.stop());
    suite.defer(() => process.kill(mosquitto.pid, 'SIGCONT'));
    const subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${mosquitto.tcpPort}`, {
      clientId: 'deck-outbox3-sub',
      clean: false,
      reconnectPeriod: 0,
    });
    suite.defer(() => subscriber.endAsync(true));
    const received: { qos: number; payload: string }[] = [];
    subscriber.on('message', (_topic, payload, packet) =>
      received.push({ qos: packet.qos, payload: payload.toString() }),
    );
    await subscriber.subscribeAsync(`${TOPIC}/#`, { qos: 2 });

    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.field('Persistent session').setChecked(true);
    expect(await app.field('Clean start').isChecked()).toBe(false);
    expect(await app.field('Session expiry (s)').count(), 'MQTT 5 only').toBe(0);
    await app.connectAndWait({ url: mosquitto.url, clientId: 'deck-outbox3', version: '3.1.1' });

    process.kill(mosquitto.pid, 'SIGSTOP');
    const calls = [1, 2].flatMap((qos) =>
      Array.from({ length: EACH }, (_, i) => ({
        topic: `${TOPIC}/q${qos}`,
        payload: `q${qos}-${i}`,
        options: { qos: qos as 1 | 2, retain: false },
      })),
    );
    const started = Date.now();
    await publishThroughWorker(page, calls);
    // Every one handed to mqtt.js and kept in its durable store; none can be acknowledged.
    await expect
      .poll(() => outboxStates(page), { timeout: 60_000, interval: 500 })
      .toEqual({ sent: 2 * EACH });
    console.log(`scenario 3: ${2 * EACH} publishes stored and sent in ${Date.now() - started} ms`);
    expect((await readOutbox(page)).every((r) => r.packetId !== undefined)).toBe(true);

    await page.reload();
    process.kill(mosquitto.pid, 'SIGCONT');
    await expect.poll(() => app.field('Client ID').inputValue()).toBe('deck-outbox3');
    expect(await app.field('Persistent session').isChecked()).toBe(true);
    await app.button('Connect').click();
    // mqtt.js replays its store one packet per round trip; the session counts itself connected
    // at the CONNACK, so the status turns connected while the replay still runs.
    const replayStarted = Date.now();
    await app.expectStatus(CONNECTED, 120_000);
    console.log(`scenario 3: replay of ${2 * EACH} took ${Date.now() - replayStarted} ms`);

    const published = calls.map((c) => c.payload);
    await expect
      .poll(() => new Set(received.map((m) => m.payload)).size, { timeout: 60_000 })
      .toBe(published.length);
    // Every entry finished as acknowledged; the outbox keeps the newest 500 of them.
    await expect
      .poll(() => outboxStates(page), { timeout: 30_000, interval: 500 })
      .toEqual({ acknowledged: OUTBOX_KEEP_FINISHED });
    // Late duplicates would arrive with the acknowledgements: count after those.
    const payloads = received.map((m) => m.payload);
    expect(new Set(payloads)).toEqual(new Set(published));
    const q2 = payloads.filter((p) => p.startsWith('q2-'));
    expect(q2.length - new Set(q2).size, 'QoS 2 duplicates').toBe(0);
    const q1 = payloads.filter((p) => p.startsWith('q1-'));
    const q1Dups = q1.length - new Set(q1).size;
    report('scenario 3', published.length, new Set(payloads).size, `QoS 1 duplicated ${q1Dups}`);
  }, 240_000);
});
