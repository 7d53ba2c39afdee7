// Nothing lost across a reload: an incoming QoS 2 message between PUBREC and PUBREL is stored
// exactly once (issue 4, scenario 5), and a QoS 1 stream on a persistent session loses nothing.
import mqtt from 'mqtt';
import { describe, expect, test } from 'vitest';
import { CONNECTED, DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { startMosquitto } from '../fixtures/servers/mosquitto';
import { readStoredPayloads } from '../fixtures/browser/page-idb';
import { startScriptedBroker } from '../fixtures/servers/scripted-broker';

const suite = useBrowserSuite();
const text = (bytes: number[] | undefined) => Buffer.from(bytes ?? []).toString();

/** Reloads, waits for the saved profile (fixed id, clean start off) and presses Connect. */
async function reloadAndReconnect(app: DeckApp, clientId: string): Promise<void> {
  await app.page.reload();
  await expect.poll(() => app.field('Client ID').inputValue()).toBe(clientId);
  expect(await app.field('Clean start').isChecked()).toBe(false);
  await app.button('Connect').click();
}

describe('durable acknowledgement', () => {
  test('a reload between PUBREC and PUBREL stores the QoS 2 message exactly once', async () => {
    const env = await startDevEnv(suite);
    const broker = await startScriptedBroker(suite, (n) => n > 1);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.field('Clean start').setChecked(false);
    await app.connectAndWait({ url: broker.url, clientId: 'deck-qos2', version: '3.1.1' });

    const first = await broker.connection(1);
    const payload = Buffer.from('exactly once');
    first.send({
      cmd: 'publish',
      topic: 'deck/q2',
      payload,
      qos: 2,
      messageId: 42,
      dup: false,
      retain: false,
    });
    await first.next((p) => p.cmd === 'pubrec' && p.messageId === 42);

    await reloadAndReconnect(app, 'deck-qos2');
    const second = await broker.connection(2);
    await app.expectStatus(CONNECTED);
    second.send({ cmd: 'pubrel', messageId: 42 });
    await second.next((p) => p.cmd === 'pubcomp' && p.messageId === 42);
    // A PUBREL the broker repeats (its PUBCOMP lost) must not store the message again.
    second.send({ cmd: 'pubrel', messageId: 42 });
    await expect.poll(() => second.received.filter((p) => p.cmd === 'pubcomp').length).toBe(2);

    await app.expectStoredCount(1);
    const stored = await readStoredPayloads(page, 'deck/q2');
    expect(stored.map((p) => text(p.bytes))).toEqual(['exactly once']);
  });

  test('a reload mid-stream of QoS 1 on a persistent session loses nothing', async () => {
    const MESSAGES = 3_000;
    const TOPIC = 'deck/stream';
    const env = await startDevEnv(suite);
    // Default in-flight window (20); an unlimited queue so the offline session keeps all.
    const mosquitto = await startMosquitto({
      settings: ['max_queued_messages 0'],
      logTypes: ['error', 'warning'],
    });
    suite.defer(() => mosquitto.stop());
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.field('Clean start').setChecked(false);
    await app.connectAndWait({ url: mosquitto.url, clientId: 'deck-q1', version: '5.0' });
    await app.subscribe(TOPIC, 1);

    const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${mosquitto.tcpPort}`);
    suite.defer(() => publisher.endAsync(true));
    const started = Date.now();
    const sending = (async () => {
      for (let i = 0; i < MESSAGES; i += 100) {
        const chunk = Array.from({ length: 100 }, (_, k) =>
          publisher.publishAsync(TOPIC, String(i + k), { qos: 1 }),
        );
        await Promise.all(chunk);
      }
    })();
    await expect.poll(() => app.storedCount(), { timeout: 20_000 }).toBeGreaterThan(300);
    const before = await app.storedCount();
    console.log(
      `QoS 1 before reload: ${before} stored in ${Date.now() - started} ms (max_inflight 20)`,
    );
    await reloadAndReconnect(app, 'deck-q1');
    await app.expectStatus(CONNECTED);
    await sending;

    await expect
      .poll(async () => (await readStoredPayloads(page, TOPIC)).length, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(MESSAGES);
    const stored = (await readStoredPayloads(page, TOPIC)).map((p) => text(p.bytes));
    const distinct = new Set(stored);
    const sent = Array.from({ length: MESSAGES }, (_, i) => String(i));
    expect(sent.filter((p) => !distinct.has(p))).toEqual([]);
    expect([...distinct].sort()).toEqual([...sent].sort());
    console.log(
      `QoS 1 reload: ${MESSAGES} sent, ${distinct.size} stored, ${stored.length - distinct.size} duplicates`,
    );
  });
});
