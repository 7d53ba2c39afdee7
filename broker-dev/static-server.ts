// Serves the built app (dist/) on 127.0.0.1, plus /dev-broker.json that points the app at the dev broker.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { formatHostForUrl } from './cli-helpers';

export type StaticServerOptions = {
  root: string;
  host?: string;
  port?: number;
  devBrokerUrl?: string;
  /** Filters the app subscribes to on its first connection to the dev broker. */
  devSubscriptions?: string[];
};
export type StaticServer = { url: string; port: number; close(): Promise<void> };

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};
const FALLBACK_MIME_TYPE = 'application/octet-stream';
// Vite puts content-hashed files under /assets/: their URL changes whenever their bytes do.
const IMMUTABLE_PREFIX = '/assets/';
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/**
 * The policy index.html declares in its meta tag, sent as a header too (with frame-ancestors,
 * which only a header can carry): only a header covers the module worker, which opens the
 * broker's WebSocket. Read from the built page so the policy is written in one place.
 */
async function pagePolicy(root: string): Promise<string | undefined> {
  const html = await readFile(join(root, 'index.html'), 'utf8').catch(() => '');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  return meta ? `${meta[1]!.replace(/\s+/g, ' ').trim()}; frame-ancestors 'none'` : undefined;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
} as const;

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  });
  res.end(text);
}

/** The file under root that a URL path names, or undefined when it would leave root. */
export function resolveUnderRoot(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const file = resolve(join(root, relative));
  return file.startsWith(root + sep) ? file : undefined;
}

async function handle(
  root: string,
  devBroker: { url: string; subscribe: string[] } | undefined,
  req: IncomingMessage,
  res: ServerResponse,
) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
  }
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (pathname === '/dev-broker.json' && devBroker !== undefined) {
    const body = JSON.stringify(devBroker);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME_TYPES['.json'],
      'Cache-Control': 'no-store',
    });
    return res.end(req.method === 'HEAD' ? undefined : body);
  }
  const file = resolveUnderRoot(root, pathname);
  const info = file === undefined ? undefined : await stat(file).catch(() => undefined);
  if (file === undefined || !info?.isFile()) return sendText(res, 404, 'Not Found\n');

  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? FALLBACK_MIME_TYPE,
    'Content-Length': info.size,
    // The rest (html, sw.js, manifest) is revalidated so a new build and its service worker load.
    'Cache-Control': pathname.startsWith(IMMUTABLE_PREFIX) ? IMMUTABLE_CACHE : 'no-cache',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export async function startStaticServer(opts: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(opts.root);
  const host = opts.host ?? '127.0.0.1';
  const devBroker =
    opts.devBrokerUrl === undefined
      ? undefined
      : { url: opts.devBrokerUrl, subscribe: opts.devSubscriptions ?? [] };
  const policy = await pagePolicy(root);
  const server = createServer((req, res) => {
    if (policy) res.setHeader('Content-Security-Policy', policy);
    handle(root, devBroker, req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolveClose) => {
      server.close(() => resolveClose());
      server.closeAllConnections();
    }));
  return { url: `http://${formatHostForUrl(host)}:${port}/`, port, close };
}
