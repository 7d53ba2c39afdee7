// The built mqtt.js chunk (vite.config.ts bundles it from mqtt.js's CommonJS build with the shims
// in worker/mqtt-build/) inside a module Worker against Mosquitto: binary payloads and MQTT 5
// properties round trip, as with mqtt.js's own browser bundle. The app's tests send text
// payloads, so a shim that misses a Node global on the binary path only shows here.
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { startMosquitto } from '../fixtures/servers/mosquitto';
import { DIST_DIR } from '../fixtures/browser/paths';

const WORKER_PATH = '/mqtt-chunk-worker.js';
const BLANK_PATH = '/blank.html';

/** What the worker reports: the chunk's export names and each round trip's received message. */
interface ChunkReport {
  exports?: string[];
  trips?: unknown[];
  error?: string;
}

/** Module code for the worker: connects, subscribes, publishes and reports what came back. */
function workerCode(chunkUrl: string, brokerUrl: string): string {
  return `
    const report = {};
    try {
      const mqtt = (await import(${JSON.stringify(chunkUrl)})).default;
      report.exports = Object.keys(mqtt).filter((name) => name !== 'default').sort();
      report.trips = [];
      for (const [version, qos] of [[5, 1], [5, 2], [4, 1]]) {
        const client = await mqtt.connectAsync(${JSON.stringify(brokerUrl)}, {
          protocolVersion: version, clientId: 'chunk-' + version + '-' + qos, reconnectPeriod: 0,
        });
        const received = new Promise((resolve) => client.once('message', (topic, payload, packet) =>
          resolve({ topic, qos: packet.qos, payload: Array.from(payload),
            correlationData: Array.from(packet.properties?.correlationData ?? []),
            userProperties: packet.properties?.userProperties,
            contentType: packet.properties?.contentType })));
        await client.subscribeAsync('chunk/#', { qos });
        const properties = { correlationData: new Uint8Array([1, 2, 3]),
          userProperties: { key: 'value' }, contentType: 'application/x-test' };
        await client.publishAsync('chunk/' + version, new Uint8Array([0, 255, 7]),
          { qos, ...(version === 5 ? { properties } : {}) });
        report.trips.push(await received);
        await client.endAsync();
      }
    } catch (error) {
      report.error = String(error?.stack ?? error);
    }
    postMessage(report);`;
}

describe('the mqtt.js chunk in a Worker', () => {
  const suite = useBrowserSuite();

  test('exports what mqtt.js does and round trips binary payloads and MQTT 5 properties', async () => {
    const assets = join(DIST_DIR, 'assets');
    const chunk = readdirSync(assets).find((name) => /^mqtt[-.][\w.-]*\.js$/.test(name));
    expect(chunk, 'an mqtt chunk in the build').toBeDefined();
    const broker = await startMosquitto();
    suite.defer(() => broker.stop());

    // A page of our own (the app's sets a CSP) that serves the chunk and the worker.
    let code = '';
    const server = createServer((req, res) => {
      const send = (type: string, body: string | Buffer) => {
        res.writeHead(200, { 'content-type': type });
        res.end(body);
      };
      if (req.url === BLANK_PATH) return send('text/html', '<!doctype html><title>chunk</title>');
      if (req.url === WORKER_PATH) return send('text/javascript', code);
      // The chunk may import chunks it shares with the rest of the worker.
      const asset = /^\/assets\/([\w.-]+\.js)$/.exec(req.url ?? '')?.[1];
      if (asset && readdirSync(assets).includes(asset)) {
        return send('text/javascript', readFileSync(join(assets, asset)));
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    suite.defer(() => new Promise((resolve) => server.close(resolve)));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    code = workerCode(`${origin}/assets/${chunk}`, broker.url);

    const { page } = await suite.newPage();
    await page.goto(`${origin}${BLANK_PATH}`);
    const report = await page.evaluate(
      (path) =>
        new Promise<ChunkReport>((resolve) => {
          const worker = new Worker(path, { type: 'module' });
          worker.onmessage = (event: MessageEvent<ChunkReport>) => resolve(event.data);
          worker.onerror = (event) => resolve({ error: event.message || 'worker failed to load' });
        }),
      WORKER_PATH,
    );

    expect(report.error).toBeUndefined();
    // The names of the package's root in Node, which mqtt.js's browser bundle exported too.
    const nodeExports = Object.keys(await import('mqtt')).filter((name) => name !== 'default');
    expect(report.exports).toEqual(nodeExports.sort());
    const v5 = {
      topic: 'chunk/5',
      payload: [0, 255, 7],
      correlationData: [1, 2, 3],
      userProperties: { key: 'value' },
      contentType: 'application/x-test',
    };
    expect(report.trips).toEqual([
      { ...v5, qos: 1 },
      { ...v5, qos: 2 },
      { topic: 'chunk/4', qos: 1, payload: [0, 255, 7], correlationData: [] },
    ]);
  });
});
