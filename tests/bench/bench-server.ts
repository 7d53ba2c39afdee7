// One origin for the app and the bench pages: the app's build at `/`, the bench build at
// `/__bench/`, so the history page reads the very IndexedDB the app wrote; and a second origin
// for the bare subscriber, out of the app's service worker's reach. 127.0.0.1 only.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

export const BENCH_PREFIX = '/__bench/';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

export interface BenchServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** While offline, every connection is dropped unanswered: the network is gone for the page. */
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

function fileFor(root: string, path: string): string | undefined {
  const relative = path.endsWith('/') ? `${path}index.html` : path;
  const file = resolve(join(root, relative));
  return file.startsWith(root + sep) ? file : undefined;
}

export async function startBenchServer(appDir: string, benchDir: string): Promise<BenchServer> {
  const appRoot = resolve(appDir);
  const benchRoot = resolve(benchDir);
  let offline = false;
  const server = createServer((req, res) => {
    if (offline) {
      req.socket.destroy();
      return;
    }
    void (async () => {
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      } catch {
        path = '';
      }
      const file = path.startsWith(BENCH_PREFIX)
        ? fileFor(benchRoot, path.slice(BENCH_PREFIX.length - 1))
        : fileFor(appRoot, path);
      const info = file ? await stat(file).catch(() => undefined) : undefined;
      if (!file || !info?.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found\n');
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
      });
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    })();
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    setOffline(value) {
      offline = value;
      // Keep-alive sockets would still answer: drop them too.
      if (value) server.closeAllConnections();
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

export interface BenchServers {
  /** The app, with the bench pages beside it: same origin, same IndexedDB. */
  app: BenchServer;
  /** The bench pages alone, on another origin: the app's service worker never answers there. */
  pages: BenchServer;
  close(): Promise<void>;
}

export async function startBenchServers(appDir: string, pagesDir: string): Promise<BenchServers> {
  const app = await startBenchServer(appDir, pagesDir);
  const pages = await startBenchServer(pagesDir, pagesDir).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  return { app, pages, close: async () => void (await Promise.all([app.close(), pages.close()])) };
}
