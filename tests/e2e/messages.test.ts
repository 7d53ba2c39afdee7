// The message list and detail: newest first, steady while read, whole payload in three views.
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { startMosquitto } from '../fixtures/servers/mosquitto';
import { connectNodeClient } from '../fixtures/servers/node-client';

const suite = useBrowserSuite();

async function connectedApp(opts: { devices?: number } = {}) {
  const env = await startDevEnv(suite, { devices: opts.devices, deviceIntervalMs: 100 });
  const { page } = await suite.newPage();
  const app = await DeckApp.open(page, env.appUrl);
  await app.connectAndWait();
  return { env, app, page };
}

describe('messages', () => {
  test('are listed newest first, and the detail shows the payload as text, JSON and hex', async () => {
    const { env, app } = await connectedApp();
    await app.subscribe('deck/m/#', 1);
    const node = await connectNodeClient(suite, env.broker.url);
    const reading = { temperature: 21.5, tags: ['a', 'b'], nested: { ok: true } };
    const json = JSON.stringify(reading);
    await node.client.publishAsync('deck/m/1', 'first', { qos: 1 });
    await node.client.publishAsync('deck/m/2', JSON.stringify(reading, null, 4), { qos: 1 });
    await node.client.publishAsync('deck/m/3', 'third', { qos: 1 });
    await app.expectMessage('deck/m/3');

    const texts = await app.messages().allTextContents();
    const at = (topic: string) => texts.findIndex((t) => t.includes(topic));
    expect(at('deck/m/3')).toBe(0);
    expect(at('deck/m/2')).toBe(1);
    expect(at('deck/m/1')).toBe(2);
    // JSON previews on one line, whatever its layout on the wire.
    expect(texts[1]).toContain(json);

    await app.openDetail(app.messagesWith('deck/m/2'), 'deck/m/2');
    expect((await app.payloadView('JSON')).trim()).toBe(JSON.stringify(reading, null, 2));
    expect((await app.payloadView('Text')).trim()).toBe(JSON.stringify(reading, null, 4));
    const hex = (await app.payloadView('Hex')).replace(/\s+/g, ' ');
    // `{` LF space space space space `"t`
    expect(hex).toContain('7b 0a 20 20 20 20 22 74');

    await app.openDetail(app.messagesWith('deck/m/1'), 'deck/m/1');
    expect((await app.payloadView('Text')).trim()).toBe('first');
  });

  test('the list does not jump while the user reads further down', async () => {
    const { app, page } = await connectedApp({ devices: 2 });
    await app.subscribe('deck/devices/+/telemetry', 0);
    await expect.poll(() => app.storedCount(), { timeout: 10_000 }).toBeGreaterThan(40);

    // The scroll container: the innermost element in the region whose content overflows it.
    const scrolls = await app.messagesRegion().evaluate((region) => {
      const scrollable = [region, ...Array.from(region.querySelectorAll('*'))].filter((el) => {
        const style = getComputedStyle(el);
        return /auto|scroll/.test(style.overflowY) && el.scrollHeight > el.clientHeight;
      });
      scrollable.at(-1)?.setAttribute('data-test-scroller', '');
      return scrollable.length > 0;
    });
    expect(scrolls, 'the message list scrolls').toBe(true);
    const list = page.locator('[data-test-scroller]');
    const firstAtTop = await app.messages().first().textContent();

    await list.evaluate((el) => (el.scrollTop = 600));
    await list.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    const underPoint = () =>
      list.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + 40, box.top + 90);
        return hit?.closest('[role="article"], [role="listitem"]')?.textContent ?? null;
      });
    const reading = await underPoint();
    expect(reading).not.toBeNull();

    const stored = await app.storedCount();
    await expect.poll(() => app.storedCount(), { timeout: 10_000 }).toBeGreaterThan(stored + 20);
    // Stored and shown are separate events: give the list one more batch to render.
    await page.waitForTimeout(100);
    expect(await underPoint()).toBe(reading);

    // Back at the top, the newer messages are there.
    await list.evaluate((el) => (el.scrollTop = 0));
    await expect.poll(() => app.messages().first().textContent()).not.toBe(firstAtTop);
  });

  test('a burst while the user reads further down: the pill counts every message', async () => {
    const { env, app, page } = await connectedApp();
    await app.subscribe('deck/burst/#', 0);
    const node = await connectNodeClient(suite, env.broker.url);
    const publish = async (from: number, to: number) => {
      for (let i = from; i < to; i++) void node.client.publish(`deck/burst/${i}`, String(i));
      await node.client.publishAsync('deck/burst/end', String(to), { qos: 1 });
    };
    await publish(0, 100);
    await app.expectStoredCount(101);

    const list = page.getByLabel('Message list', { exact: false });
    await list.evaluate((el) => (el.scrollTop = 600));
    // More than the worker posts in one batch: the pill still counts them all.
    await publish(100, 3_100);
    await app.expectStoredCount(3_102, 20_000);
    const pill = page.getByRole('button', { name: /new$/ });
    await expect.poll(() => pill.textContent()).toMatch(/3,001 new/);

    await pill.click();
    await expect.poll(() => app.messages().first().textContent()).toContain('deck/burst/end');
    expect(await pill.count()).toBe(0);
  });

  // Aedes speaks MQTT 3.1.1 only: properties need a broker that speaks 5.0.
  test('shows the MQTT 5 user properties of a message in its detail (Mosquitto)', async () => {
    const mosquitto = await startMosquitto();
    suite.defer(() => mosquitto.stop());
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait({ url: mosquitto.url, version: '5.0' });
    await app.subscribe('deck/props/#', 1);
    const node = await connectNodeClient(suite, mosquitto.url, { protocolVersion: 5 });
    await node.client.publishAsync('deck/props/a', '{"v":1}', {
      qos: 1,
      properties: {
        userProperties: { source: 'node-test', trace: ['hop-1', 'hop-2'] },
        contentType: 'application/json',
      },
    });
    const row = await app.expectMessage('deck/props/a');
    const detail = await app.openDetail(row, 'deck/props/a');
    const text = (await detail.textContent()) ?? '';
    for (const expected of ['source', 'node-test', 'trace', 'hop-1', 'hop-2', 'application/json']) {
      expect(text).toContain(expected);
    }
  });
});
