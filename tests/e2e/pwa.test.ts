// Installability as Chromium judges it (CDP Page.getInstallabilityErrors, once the service worker
// controls the page), and the manifest's fields, icons, screenshots and file handler (.ndjson
// exports open in the History view; the launch itself is in transfer.test.ts).
import { describe, expect, test } from 'vitest';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { launchPersistentContext, useBrowserSuite } from '../fixtures/browser/harness';

const suite = useBrowserSuite();

interface ManifestImage {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
  form_factor?: string;
}

/** Width and height from a PNG's IHDR chunk or an extended WebP's VP8X canvas size. */
function imageSize(bytes: Buffer): string {
  if (bytes.subarray(1, 4).toString('latin1') === 'PNG') {
    return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
  }
  expect(bytes.subarray(8, 16).toString('latin1')).toBe('WEBPVP8X');
  return `${bytes.readUIntLE(24, 3) + 1}x${bytes.readUIntLE(27, 3) + 1}`;
}

describe('installable app', () => {
  test('Chromium reports no installability errors once the service worker is in control', async () => {
    const env = await startDevEnv(suite);
    // Chromium never offers to install from an incognito profile, which a plain context is.
    const context = await launchPersistentContext(await suite.tempDir('deck-pwa-'));
    suite.defer(() => context.close());
    const { page } = suite.watch(context.pages()[0] ?? (await context.newPage()));
    await page.goto(env.appUrl);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 20_000,
    });
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);
    const { url, errors } = (await cdp.send('Page.getAppManifest')) as {
      url: string;
      errors: { message: string }[];
    };
    expect(url).toMatch(/manifest\.webmanifest$/);
    // Chromium's own parser finds nothing wrong. (This headless build leaves file_handlers out
    // of the parsed manifest it reports, so the handler's fields are checked in the next test.)
    expect(errors).toEqual([]);
  });

  test('the manifest names the app, its colours, icons and real screenshots', async () => {
    const env = await startDevEnv(suite);
    const fetchBytes = async (path: string) => {
      const response = await fetch(new URL(path, env.appUrl));
      expect(response.status, path).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    const manifest = JSON.parse((await fetchBytes('manifest.webmanifest')).toString('utf8')) as {
      [key: string]: unknown;
      icons: ManifestImage[];
      screenshots: ManifestImage[];
      file_handlers: { action: string; accept: Record<string, string[]> }[];
    };
    expect(manifest).toMatchObject({
      name: 'MQTT Deck',
      short_name: 'MQTT Deck',
      display: 'standalone',
      start_url: expect.any(String),
      id: expect.any(String),
      description: expect.stringMatching(/MQTT/),
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
    });
    const icons = manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`);
    expect(icons).toEqual(
      expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
    );
    for (const image of [...manifest.icons, ...manifest.screenshots]) {
      expect(imageSize(await fetchBytes(image.src)), image.src).toBe(image.sizes);
    }
    // An installed app opens exported captures, in the History view: the action must lie
    // within the scope (the spec drops a handler otherwise), the extension start with a dot.
    expect(manifest.file_handlers).toEqual([
      { action: './#/history', accept: { 'application/x-ndjson': ['.ndjson'] } },
    ]);
    const manifestUrl = new URL('manifest.webmanifest', env.appUrl);
    const scope = new URL(String(manifest.scope), manifestUrl).href;
    const action = new URL(String(manifest.file_handlers[0]?.action), manifestUrl);
    expect(action.href.startsWith(scope)).toBe(true);
    expect(action.hash).toBe('#/history');
    expect(manifest.launch_handler).toEqual({ client_mode: 'focus-existing' });
    const shots = manifest.screenshots.map((s) => `${s.form_factor} ${s.sizes}`);
    expect(shots).toEqual(expect.arrayContaining(['narrow 390x844', 'wide 1920x1080']));
  });
});
