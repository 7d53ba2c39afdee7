// Hostile or unusual payloads: bytes that are not UTF-8, HTML and script, and a 1 MB message.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { connectNodeClient } from '../fixtures/servers/node-client';
import { readStoredPayloads } from '../fixtures/browser/page-idb';

const suite = useBrowserSuite();
const ONE_MB = 1_048_576;

async function subscribedApp(filter: string) {
  const env = await startDevEnv(suite);
  const { page } = await suite.newPage();
  const app = await DeckApp.open(page, env.appUrl);
  await app.connectAndWait();
  await app.subscribe(filter, 1);
  const node = await connectNodeClient(suite, env.broker.url);
  return { app, page, node };
}

describe('received payloads', () => {
  test('bytes that are not valid UTF-8 are previewed as hex and stored unchanged', async () => {
    const { app, page, node } = await subscribedApp('deck/bin/#');
    const bytes = [0xff, 0xfe, 0x00, 0x80, 0xc3];
    await node.client.publishAsync('deck/bin/raw', Buffer.from(bytes), { qos: 1 });

    const row = await app.expectMessage('deck/bin/raw');
    expect(await row.textContent()).toMatch(/ff\s?fe\s?00\s?80\s?c3/i);
    await app.expectStoredCount(1);
    const stored = await readStoredPayloads(page, 'deck/bin/raw');
    expect(stored.map((p) => p.bytes)).toEqual([bytes]);

    await app.openDetail(row, 'deck/bin/raw');
    expect(await app.payloadView('Hex')).toMatch(/ff fe 00 80 c3/);
  });

  test('HTML and script in a topic or payload are shown as literal text and never run', async () => {
    const { app, page, node } = await subscribedApp('deck/xss/#');
    const img = '<img src=x onerror="window.__xss=1">';
    const script = '<script>window.__xss=2</script>';
    await node.client.publishAsync(`deck/xss/${img}`, script, { qos: 1 });
    await node.client.publishAsync(`deck/xss/${script}`, img, { qos: 1 });

    const first = await app.expectMessage(`deck/xss/${img}`);
    expect(await first.textContent()).toContain(script);
    const second = await app.expectMessage(`deck/xss/${script}`);
    expect(await second.textContent()).toContain(img);
    await app.openDetail(first, `deck/xss/${img}`);
    expect(await app.payloadView('Text')).toContain(script);
    await app.openDetail(second, `deck/xss/${script}`);
    expect(await app.payloadView('Text')).toContain(img);

    const injected = await page.evaluate(() => ({
      xss: (window as { __xss?: unknown }).__xss,
      images: Array.from(document.querySelectorAll('img')).filter(
        (i) => i.getAttribute('src') === 'x',
      ).length,
      scripts: Array.from(document.querySelectorAll('script')).filter((s) =>
        s.text.includes('__xss'),
      ).length,
    }));
    expect(injected).toEqual({ xss: undefined, images: 0, scripts: 0 });
  });

  test('a 1 MB payload is stored whole, its preview is cut visibly, the detail shows it all', async () => {
    const { app, page, node } = await subscribedApp('deck/big/#');
    const end = '<END-OF-PAYLOAD>';
    const text = '0123456789abcdef'.repeat(ONE_MB / 16 - 1) + end;
    const payload = Buffer.from(text, 'utf8');
    expect(payload.length).toBe(ONE_MB);
    await node.client.publishAsync('deck/big/one', payload, { qos: 1 });

    const row = await app.expectMessage('deck/big/one', 20_000);
    const rowText = (await row.textContent()) ?? '';
    expect(rowText.length).toBeLessThan(5_000);
    expect(rowText).toMatch(/truncated|…/);
    expect(rowText).not.toContain(end);

    await app.expectStoredCount(1);
    const [stored] = await readStoredPayloads(page, 'deck/big/one');
    expect(stored?.length).toBe(ONE_MB);
    expect(stored?.sha256).toBe(createHash('sha256').update(payload).digest('hex'));

    const detail = await app.openDetail(row, 'deck/big/one');
    await app.payloadView('Text');
    // Shown a slice at a time (decoders.test.ts): "Show more" until the whole payload is there.
    const more = detail.getByRole('button', { name: 'Show more', exact: true });
    while ((await more.count()) > 0) await more.click();
    const shown = (await detail.getByRole('tabpanel').textContent()) ?? '';
    expect(shown.length).toBeGreaterThanOrEqual(ONE_MB);
    expect(shown.trimEnd().endsWith(end)).toBe(true);
  });
});
