// A blank page on a local origin with query-entry.ts bundled in: the history store's explorer
// reads (counts, topic statistics, the connection log, upgrades) against Chromium's IndexedDB.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { startStaticServer } from '../../broker-dev/static-server';
import type { BrowserSuite } from './harness';
import { REPO_ROOT } from './paths';

let bundling: Promise<string> | undefined;

/** query-entry.ts as one classic script, built in memory once per test file. */
function queryBundle(): Promise<string> {
  bundling ??= (async () => {
    const output = await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        write: false,
        emptyOutDir: false,
        target: 'es2022',
        minify: false,
        lib: {
          entry: join(REPO_ROOT, 'tests/browser/query-entry.ts'),
          formats: ['iife'],
          name: 'deckQueryEntry',
        },
      },
    });
    const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
    const chunk = results.flatMap((r) => r.output).find((o) => o.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error('the query page bundle is empty');
    return chunk.code;
  })();
  return bundling;
}

export type QueryHarness = Window['deckQuery'];

/** Opens the blank page; `call` runs one harness function in it. */
export async function openQueryPage(suite: BrowserSuite) {
  const root = await suite.tempDir('deck-query-page-');
  await writeFile(join(root, 'index.html'), '<!doctype html><title>history queries</title>');
  const server = await startStaticServer({ root, host: '127.0.0.1', port: 0 });
  suite.defer(() => server.close());
  const { page } = await suite.newPage();
  await page.goto(server.url);
  await page.addScriptTag({ content: await queryBundle() });
  return { page, call: queryCaller(page) };
}

function queryCaller(page: Page) {
  return <K extends keyof QueryHarness>(
    name: K,
    ...args: Parameters<QueryHarness[K]>
  ): Promise<Awaited<ReturnType<QueryHarness[K]>>> =>
    page.evaluate(
      ([fn, list]) =>
        (window.deckQuery[fn] as (...a: unknown[]) => unknown)(...(list as unknown[])),
      [name, args] as const,
    ) as Promise<Awaited<ReturnType<QueryHarness[K]>>>;
}
