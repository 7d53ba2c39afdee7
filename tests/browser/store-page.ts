// A blank page on a local origin with the history store bundled in (store-entry.ts), so tests can
// drive the worker's storage against Chromium's real IndexedDB without going through the UI.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { startStaticServer } from '../../broker-dev/static-server';
import type { BrowserSuite } from './harness';
import { REPO_ROOT } from './paths';

let bundling: Promise<string> | undefined;

/** store-entry.ts as one classic script, built once per test file. */
function storeBundle(): Promise<string> {
  bundling ??= (async () => {
    const output = await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        // In memory only: dist/ holds the app the other browser tests serve.
        write: false,
        emptyOutDir: false,
        target: 'es2022',
        minify: false,
        lib: {
          entry: join(REPO_ROOT, 'tests/browser/store-entry.ts'),
          formats: ['iife'],
          name: 'deckStoreEntry',
        },
      },
    });
    const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
    const chunk = results.flatMap((r) => r.output).find((o) => o.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error('the store page bundle is empty');
    return chunk.code;
  })();
  return bundling;
}

export type StoreHarness = Window['deckStore'];

/** Opens the blank page; `call` runs one harness function in it. */
export async function openStorePage(suite: BrowserSuite) {
  const root = await suite.tempDir('deck-store-page-');
  await writeFile(join(root, 'index.html'), '<!doctype html><title>history store</title>');
  const server = await startStaticServer({ root, host: '127.0.0.1', port: 0 });
  suite.defer(() => server.close());
  const { page } = await suite.newPage();
  await page.goto(server.url);
  await page.addScriptTag({ content: await storeBundle() });
  return { page, call: caller(page) };
}

/** Calls `name` on window.deckStore with `args` (structured-clone data only). */
export function caller(page: Page) {
  return <K extends keyof StoreHarness>(
    name: K,
    ...args: Parameters<StoreHarness[K]>
  ): Promise<Awaited<ReturnType<StoreHarness[K]>>> =>
    page.evaluate(
      ([fn, list]) =>
        (window.deckStore[fn] as (...a: unknown[]) => unknown)(...(list as unknown[])),
      [name, args] as const,
    ) as Promise<Awaited<ReturnType<StoreHarness[K]>>>;
}
