// A blank page on a local origin with a test entry bundled in (store-entry.ts: the history store;
// query-entry.ts: the explorer's reads), so tests drive the worker's storage against Chromium's
// real IndexedDB without going through the UI.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { startStaticServer } from '../../broker-dev/static-server';
import type { BrowserSuite } from './harness';
import { REPO_ROOT } from './paths';

const bundles = new Map<string, Promise<string>>();

/** tests/browser/`entry` as one classic script, built in memory once per test file. */
function entryBundle(entry: string): Promise<string> {
  let bundling = bundles.get(entry);
  if (bundling) return bundling;
  bundling = (async () => {
    const output = await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        // In memory only: dist/ holds the app the other browser tests serve.
        write: false,
        emptyOutDir: false,
        target: 'es2022',
        minify: false,
        lib: { entry: join(REPO_ROOT, 'tests/browser', entry), formats: ['iife'], name: 'entry' },
      },
    });
    const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
    const chunk = results.flatMap((r) => r.output).find((o) => o.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error(`the ${entry} page bundle is empty`);
    return chunk.code;
  })();
  bundles.set(entry, bundling);
  return bundling;
}

type Harness = Record<string, (...args: never[]) => unknown>;
type Args<F> = F extends (...args: infer A) => unknown ? A : never;
type Answer<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/**
 * Opens a blank page with `entry` bundled in; `call(name, …args)` runs `window[global][name]` there
 * (structured-clone data only).
 */
export async function openEntryPage<H extends Harness>(
  suite: BrowserSuite,
  entry: string,
  global: string,
) {
  const root = await suite.tempDir('deck-entry-page-');
  await writeFile(join(root, 'index.html'), `<!doctype html><title>${global}</title>`);
  const server = await startStaticServer({ root, host: '127.0.0.1', port: 0 });
  suite.defer(() => server.close());
  const { page } = await suite.newPage();
  await page.goto(server.url);
  await page.addScriptTag({ content: await entryBundle(entry) });
  const call = <K extends keyof H & string>(name: K, ...args: Args<H[K]>) =>
    callIn(page, global, name, args) as Promise<Answer<H[K]>>;
  return { page, call };
}

function callIn(page: Page, global: string, name: string, args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([g, fn, list]) => {
      const harness = (window as unknown as Record<string, Harness>)[g]!;
      return (harness[fn] as (...a: unknown[]) => unknown)(...list);
    },
    [global, name, args] as const,
  );
}

export type StoreHarness = Window['deckStore'];

/** The history store's page (store-entry.ts). */
export const openStorePage = (suite: BrowserSuite) =>
  openEntryPage<StoreHarness>(suite, 'store-entry.ts', 'deckStore');
