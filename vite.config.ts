// Builds the Solid app, its module worker (mqtt.js split into a chunk of its own) and the service
// worker that precaches the app shell, into dist/.
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

const THEME_COLOR = '#0f172a';

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
        // An installed app opens .ndjson exports (src/lib/launch-files.ts imports them into
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
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
