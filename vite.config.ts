// Builds the Solid app, its module worker (mqtt.js built for it into a chunk of its own: see
// mqttForWorker) and the service worker that precaches the app shell, into dist/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

const THEME_COLOR = '#0f172a';

const shim = (name: string) => fileURLToPath(new URL(`worker/mqtt-build/${name}`, import.meta.url));
/** mqtt-packet calls `require('debug')` itself, so it gets the shim's function, not its module. */
const DEBUG_OFF_ID = '\0mqtt-deck:debug-off';
/**
 * readable-stream's entry as mqtt.js and bl use it: its four classes, without what the entry adds
 * around them (pipeline, compose, stream/promises, the async-iterator operators on Readable),
 * which neither calls. The two helpers the classes read from the legacy Stream are set as the
 * entry (lib/stream.js) sets them.
 */
const STREAM_CLASSES_ID = '\0mqtt-deck:stream-classes';
const STREAMS = 'readable-stream/lib/internal/streams';
const STREAM_CLASSES_CODE = `
const { Stream } = require('${STREAMS}/legacy.js');
const { Buffer } = require('buffer');
Stream._isUint8Array = function isUint8Array(value) {
  return value instanceof Uint8Array;
};
Stream._uint8ArrayToBuffer = function _uint8ArrayToBuffer(chunk) {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
};
module.exports = {
  Readable: require('${STREAMS}/readable.js'),
  Writable: require('${STREAMS}/writable.js'),
  Duplex: require('${STREAMS}/duplex.js'),
  Transform: require('${STREAMS}/transform.js'),
};
`;
/** Bare imports inside mqtt.js, mqtt-packet and bl that a Worker gets a smaller stand-in for. */
const MQTT_SHIMS: Record<string, string> = {
  debug: DEBUG_OFF_ID,
  'readable-stream': STREAM_CLASSES_ID,
  url: shim('legacy-url.ts'),
  'worker-timers': shim('native-timers.ts'),
  'lru-cache': shim('lru-cache.ts'),
};
/** mqtt.js's transports a browser cannot open (its connect() requires them by relative path). */
const MQTT_NO_TRANSPORT = /[\\/]mqtt[\\/]build[\\/]lib[\\/]connect[\\/]index\.js$/;
const NO_TRANSPORT_SPECIFIERS = new Set(['./tcp', './tls', './socks', './wx', './ali']);
/**
 * Node's globals that modules in the chunk read without importing them, which a Worker lacks,
 * with the package each comes from: declared in just those modules, as esbuild's polyfills did
 * for mqtt.js's prebuilt bundle. `process` for its nextTick; `Buffer` for rfdc, which copies each
 * QoS 1/2 publish mqtt.js stores, and with it a binary payload or correlation data.
 */
const NODE_GLOBALS = [
  {
    name: 'process',
    from: `require('process/browser.js')`,
    modules: /[\\/]node_modules[\\/](?:mqtt[\\/]build|process-nextick-args|lru-cache)[\\/].*\.js$/,
  },
  {
    name: 'Buffer',
    from: `require('buffer').Buffer`,
    modules: /[\\/]node_modules[\\/]rfdc[\\/].*\.js$/,
  },
];
/** The worker's own modules, whose `import('mqtt')` gets worker/mqtt-build/mqtt-browser.ts. */
const WORKER_SOURCE = /^(?!.*[\\/]node_modules[\\/]).*[\\/]worker[\\/].*\.ts$/;
const MQTT_IMPORTER = /[\\/]node_modules[\\/](?:mqtt|mqtt-packet|bl)[\\/]/;

/**
 * The worker's `mqtt` is worker/mqtt-build/mqtt-browser.ts: mqtt.js from its CommonJS build, not
 * its prebuilt browser bundle, whose Node polyfills (a port of Node's URL parser, the timers
 * helper worker with its @babel runtime, debug, the TCP/TLS/SOCKS/WeChat/Alipay transports) were a
 * third of its 96 KB gzipped. Node's modules come from the `buffer`, `events` and `process`
 * packages readable-stream itself uses, the rest from the shims in worker/mqtt-build/.
 */
function mqttForWorker(): Plugin {
  return {
    name: 'mqtt-deck:mqtt-for-worker',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer === undefined) return null;
      if (source === 'mqtt' && WORKER_SOURCE.test(importer)) return shim('mqtt-browser.ts');
      if (MQTT_NO_TRANSPORT.test(importer) && NO_TRANSPORT_SPECIFIERS.has(source)) {
        return shim('no-transport.ts');
      }
      const replacement = MQTT_SHIMS[source];
      return replacement !== undefined && MQTT_IMPORTER.test(importer) ? replacement : null;
    },
    load(id) {
      if (id === STREAM_CLASSES_ID) return STREAM_CLASSES_CODE;
      if (id !== DEBUG_OFF_ID) return null;
      return `module.exports = require(${JSON.stringify(shim('debug-off.ts'))}).default;`;
    },
    transform(code, id) {
      const globals = NODE_GLOBALS.filter(
        ({ name, modules }) => modules.test(id) && new RegExp(`\\b${name}\\b`).test(code),
      );
      if (globals.length === 0) return null;
      const declarations = globals.map(({ name, from }) => `var ${name} = ${from};`).join('');
      // On the first line (after "use strict"), so the source map's lines stay as they were.
      const withGlobals = code.replace(
        /^(['"]use strict['"];?)?/,
        (directive) => (directive ? directive.replace(/;?$/, ';') : '') + declarations,
      );
      return { code: withGlobals, map: null };
    },
  };
}

export default defineConfig({
  plugins: [
    solid(),
    VitePWA({
      // src/service-worker.ts registers it once the page has loaded; a new version waits, and
      // the page offers "Reload to update" (the user is never reloaded mid-session).
      injectRegister: false,
      registerType: 'prompt',
      // The manifest's PNG icons are for the browser's install machinery, which fetches and keeps
      // them itself; no page of the app shows them (the header uses favicon.svg), so precaching
      // them only downloaded 12.6 KB gzipped a second time.
      includeManifestIcons: false,
      manifest: {
        id: './',
        name: 'MQTT Deck',
        short_name: 'MQTT Deck',
        description:
          'An MQTT client over WebSockets that runs in your browser: connect, subscribe, ' +
          'watch and publish, with the history kept on the device, offline too.',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: THEME_COLOR,
        background_color: THEME_COLOR,
        categories: ['developer', 'utilities'],
        // An installed app opens .ndjson exports (src/history/transfer/launch-files.ts imports them into
        // captures). The action must lie within the scope; the hash names the History view.
        file_handlers: [{ action: './#/history', accept: { 'application/x-ndjson': ['.ndjson'] } }],
        // A file opened while the app runs goes to the open window (its launchQueue), so a live
        // connection is not dropped by a new page load.
        launch_handler: { client_mode: 'focus-existing' },
        // Real screenshots of the app with the dev device's telemetry (WebP: a third of a PNG).
        screenshots: [
          {
            src: 'screenshots/phone.webp',
            sizes: '390x844',
            type: 'image/webp',
            form_factor: 'narrow',
            label: 'Live telemetry on a phone',
          },
          {
            src: 'screenshots/wide.webp',
            sizes: '1920x1080',
            type: 'image/webp',
            form_factor: 'wide',
            label: 'Connection, live messages and a message in detail on a wide screen',
          },
        ],
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        globIgnores: ['icons/**'],
        navigateFallback: 'index.html',
        // The first install takes over the open page, so it works offline from its first visit.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        // One file less to fetch before the service worker can install.
        inlineWorkboxRuntime: true,
      },
    }),
  ],
  base: './',
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es', plugins: () => [mqttForWorker()] },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
