// History: every received message is counted, stored, and listed again after a reload or a restart.
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { launchPersistentContext, useBrowserSuite } from '../fixtures/browser/harness';
import { connectNodeClient } from '../fixtures/servers/node-client';

const suite = useBrowserSuite();
const TOPIC = 'deck/history';
const PAYLOADS = ['first', '{"n":2,"unit":"°C"}', 'third', 'fourth ✓'];

/** Publishes PAYLOADS in order from a Node client and waits until the app stored them all. */
async function receiveAll(app: DeckApp, brokerUrl: string) {
  const node = await connectNodeClient(suite, brokerUrl);
  for (const [i, payload] of PAYLOADS.entries()) {
    await node.client.publishAsync(`${TOPIC}/${i + 1}`, payload, { qos: 1 });
  }
  await app.expectMessage(`${TOPIC}/${PAYLOADS.length}`);
  await app.expectStoredCount(PAYLOADS.length);
}

describe('history', () => {
  test('counts received messages, and a reload lists them the same way', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    expect(await app.storedCount()).toBe(0);
    await app.connectAndWait();
    await app.subscribe(`${TOPIC}/#`, 1);
    await receiveAll(app, env.broker.url);
    const before = await app.messages().allTextContents();
    expect(before).toHaveLength(PAYLOADS.length);

    await page.reload();
    const reloaded = new DeckApp(page);
    await reloaded.expectMessage(`${TOPIC}/1`);
    await reloaded.expectStoredCount(PAYLOADS.length);
    expect(await reloaded.messages().allTextContents()).toEqual(before);
  });

  test('reopened with the broker stopped, the stored messages are still there', async () => {
    const env = await startDevEnv(suite);
    const profile = await suite.tempDir('deck-profile-');
    const first = await launchPersistentContext(profile);
    suite.defer(() => first.close());
    const page = suite.watch(await first.newPage()).page;
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait();
    await app.subscribe(`${TOPIC}/#`, 1);
    await receiveAll(app, env.broker.url);
    const before = await app.messages().allTextContents();
    await first.close();

    await env.stopBroker();
    const second = await launchPersistentContext(profile);
    suite.defer(() => second.close());
    const again = suite.watch(await second.newPage()).page;
    const reopened = await DeckApp.open(again, env.appUrl);
    await reopened.expectMessage(`${TOPIC}/1`);
    await reopened.expectStoredCount(PAYLOADS.length);
    expect(await reopened.messages().allTextContents()).toEqual(before);
    expect(await reopened.statusText()).not.toMatch(/(^|[^A-Za-z])Connected\b/);
  });
});
