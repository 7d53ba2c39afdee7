// Offline: once the service worker has precached the app shell, a reload with no network at all
// (the browser offline and the app's server stopped) starts the app with its stored messages.
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { connectNodeClient } from '../fixtures/servers/node-client';

const suite = useBrowserSuite();
const TOPIC = 'deck/offline';
const PAYLOADS = ['one', 'two', 'three'];
const SW_TIMEOUT_MS = 15_000;

describe('offline', () => {
  test('a reload with the network off shows the app and the stored messages', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    // The service worker installs after the page has loaded, then takes control of it.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: SW_TIMEOUT_MS,
    });

    await app.connectAndWait();
    await app.subscribe(`${TOPIC}/#`, 1);
    const node = await connectNodeClient(suite, env.broker.url);
    for (const [i, payload] of PAYLOADS.entries()) {
      await node.client.publishAsync(`${TOPIC}/${i + 1}`, payload, { qos: 1 });
    }
    await app.expectMessage(`${TOPIC}/${PAYLOADS.length}`);
    await app.expectStoredCount(PAYLOADS.length);
    const before = await app.messages().allTextContents();

    // Nothing answers any more: neither the app's server nor, for the browser, the network.
    await env.server.close();
    await env.stopBroker();
    await page.context().setOffline(true);
    expect(
      await page.evaluate(() =>
        fetch('./dev-broker.json', { cache: 'no-store' }).then(
          () => 'answered',
          () => 'failed',
        ),
      ),
    ).toBe('failed');

    await page.reload();
    const reopened = new DeckApp(page);
    await reopened.expectMessage(`${TOPIC}/1`);
    await reopened.expectStoredCount(PAYLOADS.length);
    expect(await reopened.messages().allTextContents()).toEqual(before);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  });
});
