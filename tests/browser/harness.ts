// One Chromium per test file, a fresh context per test, and a watch that fails a test on page errors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './paths';

const LAUNCH_OPTIONS = { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS };
// A phone-sized viewport would hide panes; the tests read the app as a laptop user would.
const VIEWPORT = { width: 1280, height: 900 };

/** A fresh Chromium; playwright gives every launch its own temporary profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(LAUNCH_OPTIONS);
}

/** A Chromium profile kept in `userDataDir`, so IndexedDB survives closing and relaunching. */
export function launchPersistentContext(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { ...LAUNCH_OPTIONS, viewport: VIEWPORT });
}

/** What a page did that a test did not ask for: uncaught errors, console errors, WebSockets. */
export interface PageWatch {
  page: Page;
  pageErrors: string[];
  consoleErrors: string[];
  /** URL of every WebSocket the page or its workers opened. */
  websockets: string[];
}

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { page, pageErrors: [], consoleErrors: [], websockets: [] };
  page.on('pageerror', (error) => watch.pageErrors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('websocket', (ws) => watch.websockets.push(ws.url()));
  return watch;
}

type Cleanup = () => Promise<unknown> | unknown;

export interface BrowserSuite {
  /** The file's Chromium, launched on first call. */
  browser(): Promise<Browser>;
  /** Runs `cleanup` after the current test (last registered runs first). */
  defer(cleanup: Cleanup): void;
  /** A new context and page for this test, watched, closed after it. */
  newPage(): Promise<PageWatch>;
  /** Watches a page the test made itself (e.g. in a persistent context). */
  watch(page: Page): PageWatch;
  /** A temporary directory removed after the test. */
  tempDir(prefix: string): Promise<string>;
}

/**
 * Registers the hooks of a browser test file: one Chromium for the file, cleanup per test.
 * Chromium starts on first use, inside a test, so a launch failure fails tests instead of
 * skipping them as a failed beforeAll would.
 */
export function useBrowserSuite(): BrowserSuite {
  let launching: Promise<Browser> | undefined;
  let cleanups: Cleanup[] = [];
  let watches: PageWatch[] = [];

  afterAll(async () => {
    await (await launching?.catch(() => undefined))?.close();
  });
  afterEach(async () => {
    const pending = cleanups.reverse();
    const seen = watches;
    cleanups = [];
    watches = [];
    const failures: unknown[] = [];
    for (const cleanup of pending) {
      try {
        await cleanup();
      } catch (error) {
        failures.push(error);
      }
    }
    const pageErrors = seen.flatMap((w) => w.pageErrors);
    if (pageErrors.length > 0) {
      const consoleErrors = seen.flatMap((w) => w.consoleErrors);
      throw new Error(
        `uncaught error in the page:\n${pageErrors.join('\n')}\n` +
          `console errors:\n${consoleErrors.join('\n') || '(none)'}`,
      );
    }
    if (failures.length > 0) throw new AggregateError(failures, 'test cleanup failed');
  });

  const suite: BrowserSuite = {
    browser() {
      launching ??= launchBrowser();
      return launching;
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
    async newPage() {
      const browser = await suite.browser();
      const context = await browser.newContext({ viewport: VIEWPORT });
      suite.defer(() => context.close());
      return suite.watch(await context.newPage());
    },
    watch(page) {
      const watch = watchPage(page);
      watches.push(watch);
      return watch;
    },
    async tempDir(prefix) {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      suite.defer(() => rm(dir, { recursive: true, force: true }));
      return dir;
    },
  };
  return suite;
}
