// Reconnecting at once when the network or the page comes back, instead of waiting out the backoff.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { startDevBroker, type DevBroker } from '../../broker-dev/dev-broker';
import { CONNECTED, DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { freePort } from '../fixtures/servers/ports';

const suite = useBrowserSuite();
// Attempt 4 waits 8 s less up to 30 % jitter (at least 5.6 s): far longer than this allowance.
const WAIT_FOR_ATTEMPT = 4;
const BACK_WITHIN_MS = 3_000;

function attemptOf(status: string): number {
  return Number(/attempt\s*(\d+)/i.exec(status)?.[1] ?? 0);
}

/** A dev broker on a fixed port, so the next one can take its place; closed after the test. */
async function brokerOn(port: number): Promise<DevBroker> {
  const broker = await startDevBroker({ host: '127.0.0.1', port });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= broker.close());
  suite.defer(close);
  return { ...broker, close };
}

const nudges: [string, (page: Page) => Promise<void>][] = [
  [
    'the browser goes offline and online again',
    async (page) => {
      await page.context().setOffline(true);
      await page.context().setOffline(false);
    },
  ],
  [
    'the page becomes visible again',
    (page) => page.evaluate(() => void document.dispatchEvent(new Event('visibilitychange'))),
  ],
];

describe('a broker that comes back while the app waits out a long backoff', () => {
  test.each(nudges)('reconnects at once when %s', async (_name, nudge) => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    const port = await freePort();
    const first = await brokerOn(port);
    await app.connectAndWait({ url: first.url });

    await first.close();
    await app.expectStatus(/Reconnecting/);
    await expect
      .poll(async () => attemptOf(await app.statusText()), { timeout: 15_000, interval: 100 })
      .toBeGreaterThanOrEqual(WAIT_FOR_ATTEMPT);
    await brokerOn(port);

    await nudge(page);
    await app.expectStatus(CONNECTED, BACK_WITHIN_MS);
  });
});
