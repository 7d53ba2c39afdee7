// The static server of `npm start` and the browser tests: MIME types, the dev-broker pointer, no escapes.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../broker-dev/static-server';

/** A raw GET, so that paths like /../ reach the server unnormalised. */
function get(server: StaticServer, path: string, method = 'GET') {
  return new Promise<{ status: number; type: string; csp: string; body: string }>((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          csp: String(res.headers['content-security-policy']),
          body,
        }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describe('static server', () => {
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deck-static-'));
    root = join(dir, 'dist');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(
      join(root, 'index.html'),
      `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'self';
        connect-src 'self' ws:" /><title>deck</title>`,
    );
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'outside the root');
    server = await startStaticServer({
      root,
      devBrokerUrl: 'ws://127.0.0.1:1/mqtt',
      devSubscriptions: ['deck/#'],
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(join(root, '..'), { recursive: true, force: true });
  });

  it('listens on loopback and serves index.html at /', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await get(server, '/');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/html');
    expect(res.body).toContain('<title>deck</title>');
  });

  it("sends index.html's Content-Security-Policy as a header, with frame-ancestors", async () => {
    const res = await get(server, '/assets/app.js');
    expect(res.csp).toBe("default-src 'self'; connect-src 'self' ws:; frame-ancestors 'none'");
  });

  it('serves scripts as JavaScript', async () => {
    const res = await get(server, '/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/javascript');
  });

  it('points the app at the dev broker', async () => {
    const res = await get(server, '/dev-broker.json');
    expect(JSON.parse(res.body)).toEqual({ url: 'ws://127.0.0.1:1/mqtt', subscribe: ['deck/#'] });
  });

  it('never serves a file outside its root', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f..%2fsecret.txt',
    ]) {
      const res = await get(server, path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside the root');
    }
  });

  it('answers 404 for a missing file and 405 for a write', async () => {
    expect((await get(server, '/nope.js')).status).toBe(404);
    expect((await get(server, '/', 'POST')).status).toBe(405);
  });
});
