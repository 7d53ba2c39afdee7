// Safety: the built app's Content-Security-Policy holds and the core flow works under it; the
// password reaches IndexedDB only when "Remember password" is ticked.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite, type PageWatch } from '../fixtures/browser/harness';
import { DB_NAME } from '../fixtures/browser/page-idb';

const suite = useBrowserSuite();

const SETTINGS_STORE = 'settings';
const PROFILE_KEY = 'lastProfile';
const USER = 'deck-user';
const PASSWORD = 'hunter2-never-stored';
const CSP_CONSOLE = /Content Security Policy/i;

interface Violation {
  directive: string;
  blocked: string;
}

declare global {
  interface Window {
    __violations?: Violation[];
    __inline?: number;
  }
}

/** Opens the app with every CSP violation the page reports recorded in window.__violations. */
async function openWatched(): Promise<{ watch: PageWatch; app: DeckApp; appUrl: string }> {
  const env = await startDevEnv(suite, { devices: 1, deviceIntervalMs: 100 });
  const watch = await suite.newPage();
  await watch.page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations?.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
    );
  });
  const app = await DeckApp.open(watch.page, env.appUrl);
  return { watch, app, appUrl: env.appUrl };
}

/** An HTTP server on another port (another origin) that answers every request with 200. */
async function startOtherOrigin(): Promise<string> {
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  suite.defer(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const violations = (page: Page) => page.evaluate(() => window.__violations ?? []);

/** The saved profile's password as IndexedDB holds it ('' when blank, undefined when none). */
function storedPassword(page: Page): Promise<string | undefined> {
  return page.evaluate(
    async ({ dbName, store, key }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(`cannot open IndexedDB "${dbName}"`));
      });
      try {
        const profile = await new Promise<{ password?: string } | undefined>((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).get(key);
          request.onsuccess = () => resolve(request.result as { password?: string } | undefined);
          request.onerror = () => reject(request.error ?? new Error('get failed'));
        });
        return profile?.password;
      } finally {
        db.close();
      }
    },
    { dbName: DB_NAME, store: SETTINGS_STORE, key: PROFILE_KEY },
  );
}

describe('content security policy', () => {
  test('the built app carries the policy and connects, subscribes and receives under it', async () => {
    const { watch, app } = await openWatched();
    const policy = await watch.page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self' ws: wss:");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe-inline');

    await app.connectAndWait();
    await app.subscribe('deck/devices/+/telemetry', 0);
    const row = await app.expectMessage('deck/devices/sensor-1/telemetry');
    await app.openDetail(row, 'deck/devices/sensor-1/telemetry');

    expect(await violations(watch.page)).toEqual([]);
    expect(watch.consoleErrors.filter((m) => CSP_CONSOLE.test(m))).toEqual([]);
  });

  test('an inline script added to the page does not run', async () => {
    const { watch } = await openWatched();
    await watch.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
    });
    await expect
      .poll(() => violations(watch.page))
      .toContainEqual({
        directive: 'script-src-elem',
        blocked: 'inline',
      });
    expect(await watch.page.evaluate(() => window.__inline)).toBeUndefined();
  });

  test('connect-src blocks a fetch to another origin, from the page and from the worker', async () => {
    const other = await startOtherOrigin();
    const { watch, appUrl } = await openWatched();
    const fetchNoCors = (url: string) =>
      // no-cors: without the policy the answer arrives (opaque), so only the policy can reject it.
      fetch(url, { mode: 'no-cors' }).then(
        () => 'fetched',
        () => 'rejected',
      );
    expect(await watch.page.evaluate(fetchNoCors, appUrl)).toBe('fetched');
    expect(await watch.page.evaluate(fetchNoCors, other)).toBe('rejected');
    const blocked = (await violations(watch.page)).filter((v) => v.directive === 'connect-src');
    // The page holds two equal policies (meta and header), and each one reports.
    expect(new Set(blocked.map((v) => v.blocked))).toEqual(new Set([other]));

    // The module worker opens the broker's WebSocket: the server's header policy covers it.
    const worker = watch.page.workers()[0];
    expect(worker, 'the app runs its module worker').toBeDefined();
    expect(await worker?.evaluate(fetchNoCors, appUrl)).toBe('fetched');
    expect(await worker?.evaluate(fetchNoCors, other)).toBe('rejected');
  });
});

describe('remember password', () => {
  test('the password is kept on the device only when "Remember password" is ticked', async () => {
    const env = await startDevEnv(suite, { users: { [USER]: PASSWORD } });
    const { page, consoleErrors } = await suite.newPage();
    const logged: string[] = [];
    page.on('console', (message) => logged.push(message.text()));
    let app = await DeckApp.open(page, env.appUrl);
    expect(await app.field('Remember password').isChecked()).toBe(false);

    await app.connectAndWait({ username: USER, password: PASSWORD });
    await expect.poll(() => storedPassword(page)).toBe('');
    await page.reload();
    app = await DeckApp.open(page, env.appUrl);
    await expect.poll(() => app.field('Username').inputValue()).toBe(USER);
    expect(await app.field('Password').inputValue()).toBe('');
    expect(await app.field('Remember password').isChecked()).toBe(false);

    await app.field('Remember password').check();
    await app.connectAndWait({ password: PASSWORD });
    await expect.poll(() => storedPassword(page)).toBe(PASSWORD);
    await page.reload();
    app = await DeckApp.open(page, env.appUrl);
    await expect.poll(() => app.field('Password').inputValue()).toBe(PASSWORD);
    expect(await app.field('Remember password').isChecked()).toBe(true);

    expect(page.url()).not.toContain(PASSWORD);
    expect([...logged, ...consoleErrors].filter((m) => m.includes(PASSWORD))).toEqual([]);
  });
});
