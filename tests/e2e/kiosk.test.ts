// Kiosk mode in the built app: a dashboard opened from its #/kiosk/<id> URL alone (no navigation,
// no edit tools), connected by itself with the saved profile, its chart seeded from history while
// the broker is down, reconnecting by itself after broker restarts, the wake lock requested (and
// again when the page is visible after being hidden); an unknown id in words; and updates: the
// "Reload to update" prompt in the app, applied by itself in a kiosk once idle.
import { cp, appendFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { startDevBroker } from '../../broker-dev/dev-broker';
import { startStaticServer } from '../../broker-dev/static-server';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { BLOCKING_IMPACTS, axeFindings } from '../fixtures/browser/axe';
import { DIST_DIR } from '../fixtures/browser/paths';
import { showView } from '../fixtures/browser/views';

const suite = useBrowserSuite();
const UI_TIMEOUT_MS = 15_000;
const poll = <T>(fn: () => Promise<T> | T, timeout = UI_TIMEOUT_MS) =>
  expect.poll(fn, { timeout, interval: 100 });

/** Counts the app's wake lock requests and keeps the sentinels, so a test can play the browser. */
function recordWakeLock() {
  type Recorder = { calls: number; sentinels: WakeLockSentinel[]; hidden: boolean };
  const w = window as unknown as { wakeRecorder: Recorder };
  const recorder: Recorder = { calls: 0, sentinels: [], hidden: false };
  w.wakeRecorder = recorder;
  const lock = navigator.wakeLock;
  const request = lock.request.bind(lock);
  lock.request = async (type) => {
    recorder.calls++;
    const sentinel = await request(type);
    recorder.sentinels.push(sentinel);
    return sentinel;
  };
  // Headless Chromium never hides a page: the test sets this to play one going to the background.
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (recorder.hidden ? 'hidden' : 'visible'),
  });
}

const wakeCalls = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { wakeRecorder: { calls: number } }).wakeRecorder.calls,
  );

/** What the browser does when the page is hidden (releases the lock), then shows it again. */
async function hideAndShow(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const r = (
      window as unknown as { wakeRecorder: { sentinels: WakeLockSentinel[]; hidden: boolean } }
    ).wakeRecorder;
    r.hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
    await Promise.all(r.sentinels.map((s) => s.release()));
    r.hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

const kioskStatus = (page: Page) => page.getByRole('contentinfo').getByRole('status');
const chart = (page: Page) => page.getByRole('img', { name: /^Chart of / }).first();

describe('kiosk', () => {
  test('opens from its URL alone, connects itself, seeds charts, survives broker restarts', async () => {
    const env = await startDevEnv(suite, {
      devices: 1,
      deviceIntervalMs: 100,
      devSubscriptions: ['deck/#'],
    });
    const browser = await suite.browser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    suite.defer(() => context.close());
    await context.addInitScript(recordWakeLock);

    // Set up as a person would: connect (the profile is saved), add the demo dashboard.
    const { page: setup } = suite.watch(await context.newPage());
    const app = await DeckApp.open(setup, env.appUrl);
    await app.connectAndWait();
    await showView(setup, 'Dashboards');
    await setup.getByRole('button', { name: 'Add demo dashboard' }).click();
    const kioskLink = setup.getByRole('link', { name: 'Open as kiosk' });
    const href = (await kioskLink.getAttribute('href')) ?? '';
    expect(href).toMatch(/^#\/kiosk\/.+/);
    await poll(() => chart(setup).getAttribute('data-points')).toMatch(/^[1-9]/);
    await setup.waitForTimeout(2_000); // a couple of seconds of telemetry in history
    await setup.close(); // its tab held the connection (one per client ID)

    // The broker is down: whatever the chart shows comes from history.
    await env.stopBroker();
    const { page, pageErrors } = suite.watch(await context.newPage());
    await page.goto(`${env.appUrl}${href}`);
    await poll(() => chart(page).getAttribute('data-seeded')).toMatch(/^[1-9]/);
    await poll(() => chart(page).getAttribute('data-points')).toMatch(/^[1-9]/);
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Edit|Configure|Add tile)/ }).count()).toBe(0);
    expect(await page.getByRole('list', { name: 'Tiles of Demo device' }).count()).toBe(1);
    await poll(() => kioskStatus(page).textContent()).toMatch(/Reconnecting|Connecting/);
    // The kiosk is a view too: axe finds nothing serious or critical in it.
    const { violations } = await axeFindings(page);
    const blocking = violations.filter((f) => BLOCKING_IMPACTS.includes(f.impact ?? ''));
    expect(
      blocking.map((f) => `${f.id} (${f.impact}) ${f.help} at ${f.targets.join(', ')}`),
    ).toEqual([]);

    // Broker back on the same port: the kiosk connects by itself; then once more.
    for (let restart = 0; restart < 2; restart++) {
      const broker = await startDevBroker({ host: '127.0.0.1', port: env.broker.port });
      suite.defer(() => broker.close());
      await poll(() => kioskStatus(page).textContent(), 40_000).toMatch(/^Connected/);
      await broker.close();
      await poll(() => kioskStatus(page).textContent()).toMatch(/Reconnecting|Connecting/);
    }

    // The screen is kept on, and the lock is taken again when the page is shown again.
    await poll(() => wakeCalls(page)).toBeGreaterThanOrEqual(1);
    const before = await wakeCalls(page);
    await hideAndShow(page);
    await poll(() => wakeCalls(page)).toBe(before + 1);
    expect(pageErrors).toEqual([]);
  });

  test('an unknown dashboard id says so and links to Dashboards', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    await page.goto(`${env.appUrl}#/kiosk/${encodeURIComponent('no such dashboard')}`);
    const alert = page.getByRole('alert').filter({ hasText: 'No dashboard to show' });
    await poll(() => alert.textContent()).toMatch(/no dashboard with the id “no such dashboard”/);
    await alert.getByRole('link', { name: 'Dashboards' }).click();
    await poll(() => page.evaluate(() => location.hash)).toBe('#/dashboards');
    await poll(() => page.getByRole('navigation', { name: 'Views' }).count()).toBe(1);
  });

  test('a new version: "Reload to update" in the app, applied by itself in an idle kiosk', async () => {
    const root = await suite.tempDir('deck-update-');
    await cp(DIST_DIR, root, { recursive: true });
    const server = await startStaticServer({ root, host: '127.0.0.1', port: 0 });
    suite.defer(() => server.close());
    const newVersion = async (page: Page, tag: string) => {
      await appendFile(`${root}/sw.js`, `\n// ${tag}\n`);
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())?.update();
      });
    };
    const { page } = await suite.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 20_000,
    });

    await newVersion(page, 'version 2');
    const reload = page.getByRole('button', { name: 'Reload to update' });
    await reload.waitFor({ timeout: UI_TIMEOUT_MS });
    await Promise.all([page.waitForEvent('load'), reload.click()]);
    await poll(() => reload.count()).toBe(0);

    // A kiosk (here of a dashboard this browser lacks) with a short idle time for the test.
    await page.goto(`${server.url}?kioskIdleMs=500#/kiosk/none`);
    await page.getByRole('contentinfo').waitFor();
    await page.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));
    await newVersion(page, 'version 3');
    await page.waitForEvent('load', { timeout: UI_TIMEOUT_MS });
    expect(await page.evaluate(() => 'marker' in window)).toBe(false);
    expect(page.url()).toContain('#/kiosk/none');
    await page.getByRole('contentinfo').waitFor();
    expect(await reload.count()).toBe(0);
    await poll(() =>
      page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null),
    ).toBe(null);
  });
});
