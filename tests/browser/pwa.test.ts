// Installability as Chromium judges it (CDP Page.getInstallabilityErrors, once the service worker
// controls the page), and the manifest's fields, icons and screenshots.
import { describe, expect, test } from 'vitest';
import { startDevEnv } from './dev-env';
import { launchPersistentContext, useBrowserSuite } from './harness';

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
    const { url } = (await cdp.send('Page.getAppManifest')) as { url: string };
    expect(url).toMatch(/manifest\.webmanifest$/);
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
    const shots = manifest.screenshots.map((s) => `${s.form_factor} ${s.sizes}`);
    expect(shots).toEqual(expect.arrayContaining(['narrow 390x844', 'wide 1920x1080']));
  });
});
