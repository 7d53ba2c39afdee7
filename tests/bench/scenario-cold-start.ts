// Cold start: the app reloaded with the network off (the page emulated offline and the static
// server refusing every request), timed from navigation to the first stored message row painted.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { agentCall, type AppPage } from './app-driver';
import type { BenchServer } from './bench-server';

const COLD_START_TIMEOUT_MS = 15_000;
const POLL_MS = 100;
const OFFLINE = { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
const ONLINE = { ...OFFLINE, offline: false };

export interface ColdStartResult {
  ms: number | null;
  note?: string;
}

/**
 * The first row's paint time once the reloaded page has one, or undefined when the reload fails
 * (Chromium's error page) or nothing is painted in time. Polled across the reload's navigation.
 */
async function firstRowPaint(app: AppPage): Promise<number | undefined> {
  const probe =
    `location.protocol === 'chrome-error:' ? 'failed' : ` +
    `window.__bench ? ${agentCall('firstRowPaintMs')} : null`;
  const deadline = Date.now() + COLD_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const value = await app.page.evaluate<unknown>(probe).catch(() => undefined);
    if (typeof value === 'number') return value;
    if (value === 'failed') return undefined;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return undefined;
}

export async function measureColdStart(
  app: AppPage,
  server: BenchServer,
  appDir: string,
): Promise<ColdStartResult> {
  const hasServiceWorker = existsSync(join(appDir, 'sw.js'));
  server.setOffline(true);
  const emulated = await app.page
    .send('Network.emulateNetworkConditions', OFFLINE)
    .then(() => true)
    .catch(() => false);
  try {
    await app.page.send('Page.reload', {});
    const ms = await firstRowPaint(app);
    if (ms !== undefined) return { ms };
    const appLoaded = await app.page
      .evaluate<boolean>(`document.querySelector('[aria-label="Stored messages"]') !== null`)
      .catch(() => false);
    const why = !appLoaded
      ? `the app did not load offline${hasServiceWorker ? '' : ' (no service worker: sw.js is not in the build)'}`
      : `the app loaded offline but painted no stored message within ${COLD_START_TIMEOUT_MS} ms`;
    return { ms: null, note: why };
  } finally {
    if (emulated) await app.page.send('Network.emulateNetworkConditions', ONLINE);
    server.setOffline(false);
  }
}
