// Builds what the bench runs: the app's production build (as `vite build` makes it), the bench
// pages (bare subscriber, history timer; never shipped) and the probe injected into the app.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES_DIR = fileURLToPath(new URL('./pages/', import.meta.url));
const OUT_DIR = join(REPO_ROOT, '.tmp', 'bench');

export type BenchPage = 'ceiling' | 'history' | 'explorer';

export interface BenchBuild {
  appDir: string;
  pagesDir: string;
  /** Why a bench page is missing, by page. */
  pageErrors: Partial<Record<BenchPage, string>>;
  /** The probe as one classic script, for Page.addScriptToEvaluateOnNewDocument. */
  agentSource: string;
}

/** `vite build` of the app with its own config, into `outDir` (dist/ is left to the tests). */
function buildApp(outDir: string): void {
  const result = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
  );
  if (result.status !== 0) {
    throw new Error(`vite build of the app failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** Builds one bench page; its failure is returned, so only the figures it serves go missing. */
async function buildPage(page: BenchPage, outDir: string): Promise<string | undefined> {
  try {
    await build({
      configFile: false,
      root: PAGES_DIR,
      base: './',
      logLevel: 'silent',
      build: {
        outDir,
        emptyOutDir: false,
        target: 'es2022',
        rollupOptions: { input: { [page]: join(PAGES_DIR, `${page}.html`) } },
      },
      worker: { format: 'es' },
    });
    return undefined;
  } catch (error) {
    return `the bench's ${page} page did not build: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** The app probe (pages/app-agent.ts) alone, for a run that brings its own app build. */
export async function buildAgent(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      lib: { entry: join(PAGES_DIR, 'app-agent.ts'), formats: ['iife'], name: 'benchAgent' },
    },
  });
  const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  const chunk = results.flatMap((r) => r.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the probe build produced no script');
  return chunk.code;
}

/** Builds everything; with `appDir`, uses that existing app build instead of building one. */
export async function buildBench(appDir?: string): Promise<BenchBuild> {
  let app = appDir;
  if (app === undefined) {
    app = join(OUT_DIR, 'app');
    buildApp(app);
  }
  if (!existsSync(join(app, 'index.html'))) throw new Error(`${app} holds no index.html`);
  const pagesDir = join(OUT_DIR, 'pages');
  await rm(pagesDir, { recursive: true, force: true });
  const pageErrors: BenchBuild['pageErrors'] = {};
  for (const page of ['ceiling', 'history', 'explorer'] as const) {
    const error = await buildPage(page, pagesDir);
    if (error !== undefined) pageErrors[page] = error;
  }
  return { appDir: app, pagesDir, pageErrors, agentSource: await buildAgent() };
}
