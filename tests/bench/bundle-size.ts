// Gzipped sizes of the app build: what loads before the first paint (index.html's scripts,
// modulepreloads and stylesheets, the worker started at boot, and their static imports, but not
// dynamic imports), and everything the service worker precaches.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1024;
/** Static `import … from "x"`, `import "x"` and `export … from "x"` (not `import("x")`). */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;
/** `new Worker(new URL("x.js", import.meta.url))`, as Vite emits it (possibly nested). */
const WORKER_URL =
  /new\s+(?:Shared)?Worker\(\s*new URL\(\s*(?:new URL\(\s*)?[`'"]([^`'"]+\.js)[`'"]/g;
const HTML_ASSET = /<(?:script|link)\b[^>]*?\b(?:src|href)=["']([^"']+\.(?:js|css))["'][^>]*>/g;
/** Workbox manifests, minified (`{url:"x",revision:…}`) or JSON (`{"url":"x",…}`). */
const PRECACHE_ENTRY = /["']?url["']?\s*:\s*["']([^"']+)["']/g;

export interface BundleResult {
  firstPaintGzKb: number;
  firstPaintFiles: string[];
  totalGzKb: number;
  totalFiles: number;
  totalNote: string;
}

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function matches(pattern: RegExp, text: string): string[] {
  return Array.from(text.matchAll(pattern), (m) => m[1] ?? '').filter((s) => s !== '');
}

/** Every file `entries` load before any dynamic import: static imports and boot workers. */
function staticClosure(appDir: string, entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(file, 'utf8');
    for (const spec of [...matches(STATIC_IMPORT, code), ...matches(WORKER_URL, code)]) {
      if (/^[a-z]+:/i.test(spec)) continue;
      // Vite's base './' makes chunk URLs relative to the importing chunk, or to the root.
      const local = resolve(dirname(file), spec);
      queue.push(existsSync(local) ? local : resolve(appDir, spec.replace(/^\//, '')));
    }
  }
  return seen;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

export function measureBundle(appDir: string): BundleResult {
  const html = readFileSync(join(appDir, 'index.html'), 'utf8');
  const entries = matches(HTML_ASSET, html).map((href) => resolve(appDir, href.replace(/^\//, '')));
  const firstPaint = [...staticClosure(appDir, entries)];
  const firstPaintGz = firstPaint.reduce((sum, file) => sum + gzipBytes(file), 0);

  let precached: string[];
  let totalNote: string;
  const sw = join(appDir, 'sw.js');
  if (existsSync(sw)) {
    // The manifest may sit in sw.js or in a workbox chunk next to it.
    const text = [sw, ...allFiles(appDir).filter((f) => /workbox-[\w-]+\.js$/.test(f))]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    precached = [...new Set(matches(PRECACHE_ENTRY, text))]
      .map((url) => resolve(appDir, url.replace(/^\//, '')))
      .filter((file) => existsSync(file));
    totalNote = `${precached.length} files in sw.js's precache manifest`;
  } else {
    precached = allFiles(appDir).filter((f) => !f.endsWith('.map'));
    totalNote = 'no sw.js in the build: every file of the build but source maps';
  }
  const totalGz = precached.reduce((sum, file) => sum + gzipBytes(file), 0);
  return {
    firstPaintGzKb: firstPaintGz / KB,
    firstPaintFiles: firstPaint.map((f) => relative(appDir, f)),
    totalGzKb: totalGz / KB,
    totalFiles: precached.length,
    totalNote,
  };
}
