// Saved payloads (issue 7) against the dev broker: saved from the publish form, sent in one click
// to an independent subscriber, kept per profile, exported and imported, bad files refused in words.
import { mkdir, readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import type { PayloadTemplate } from '../../shared/protocol';
import { DeckApp } from '../fixtures/browser/app';
import { BLOCKING_IMPACTS, axeFindings } from '../fixtures/browser/axe';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { connectNodeClient } from '../fixtures/servers/node-client';
import { REPO_ROOT } from '../fixtures/browser/paths';
import { pageAt, showView, type SizeName } from '../fixtures/browser/views';
import { openWorkerApi } from '../fixtures/browser/worker-api';

const suite = useBrowserSuite();
const UI_TIMEOUT_MS = 10_000;
/** Where the screenshots are left, to be looked at. */
const SHOTS_DIR = `${REPO_ROOT}.tmp/templates-shots`;
/** The collection of an unsaved connection (the section says "this device"). */
const DEVICE = '';

async function connectedApp() {
  const env = await startDevEnv(suite);
  const { page } = await suite.newPage();
  const app = await DeckApp.open(page, env.appUrl);
  await app.connectAndWait();
  await app.savedPayloads().waitFor({ timeout: UI_TIMEOUT_MS });
  return { env, page, app };
}

async function saveFromForm(
  app: DeckApp,
  name: string,
  topic: string,
  payload: string,
  qos: 0 | 1 | 2,
  retain = false,
) {
  await app.field('Publish topic').fill(topic);
  await app.field('Payload').fill(payload);
  await app.field('Publish QoS').selectOption(String(qos));
  await app.field('Retain').setChecked(retain);
  await app.saveCurrentAs(name);
}

const file = (templates: unknown[]) =>
  JSON.stringify({ format: 'mqtt-deck-payloads', version: 1, templates });

describe('saved payloads', () => {
  test('saved from the form, one click sends it to another client; the list survives a reload', async () => {
    const { env, page, app } = await connectedApp();
    const node = await connectNodeClient(suite, env.broker.url);
    await node.client.subscribeAsync('deck/out/#', { qos: 2 });
    const payload = '{"command":"ping","note":"héllo ✓"}';
    await saveFromForm(app, 'Ping sensor', 'deck/out/ping', payload, 1);
    await saveFromForm(app, 'Reset', 'deck/out/reset', 'reset', 0, true);
    await app.field('Publish topic').fill('deck/out/other');
    await app.field('Payload').fill('not this');

    const row = app.savedPayload('Ping sensor');
    expect(await row.textContent()).toMatch(/QoS 1.*deck\/out\/ping/);
    await app.button('Send Ping sensor').click();
    const got = await node.waitFor('deck/out/ping');
    expect(got.payload.toString('utf8')).toBe(payload);
    expect(got.packet.qos).toBe(1);
    expect(got.packet.retain).toBe(false);
    await expect
      .poll(() => app.savedPayloadsNotice())
      .toMatch(/"Ping sensor" acknowledged \(QoS 1\)/);
    expect(env.counts.publishes.get('deck/out/other')).toBeUndefined();

    // Load into form, edit, move, delete (confirmed): the list as a person changes it.
    await app.button('Load into form: Reset').click();
    expect(await app.field('Publish topic').inputValue()).toBe('deck/out/reset');
    expect(await app.field('Retain').isChecked()).toBe(true);
    await app.button('Edit Reset').click();
    const editor = app.savedPayloads().getByRole('form', { name: 'Edit Reset' });
    await editor.getByLabel('Template topic', { exact: true }).fill('deck/+/reset');
    await editor.getByRole('button', { name: 'Save template' }).click();
    expect(await editor.getByRole('alert').textContent()).toMatch(/wildcards/);
    await editor.getByLabel('Template topic', { exact: true }).fill('deck/out/reset2');
    await editor.getByLabel('Template name', { exact: true }).fill('Reset all');
    await editor.getByRole('button', { name: 'Save template' }).click();
    await app.button('Move Reset all up').click();
    const names = () =>
      app.savedPayloads().getByRole('listitem').locator('.template-name').allTextContents();
    await expect.poll(names).toEqual(['Reset all', 'Ping sensor']);
    await app.button('Delete Ping sensor').click();
    expect(await names()).toEqual(['Reset all', 'Ping sensor']);
    await app.button('Confirm delete Ping sensor').click();
    await expect.poll(names).toEqual(['Reset all']);

    await page.reload();
    await app.savedPayload('Reset all').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await names()).toEqual(['Reset all']);
    expect(await app.savedPayload('Reset all').textContent()).toMatch(/retain.*deck\/out\/reset2/);
  });

  test('on MQTT 5 the options of the form are saved too, checked, and loaded back', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.savedPayloads().waitFor({ timeout: UI_TIMEOUT_MS });
    // Saving needs no connection: only the form's MQTT version decides what is kept.
    await app.field('MQTT version').selectOption({ label: '5.0' });
    await app.button('MQTT 5 publish options').click();
    await app.field('Content type').fill('text/plain');
    await app.field('Response topic').fill('deck/reply');
    await app.field('Correlation data').fill('req-1');
    await app.field('Message expiry (s)').fill('soon');
    await app.field('Publish topic').fill('deck/req');
    await app.field('Payload').fill('status?');
    const section = app.savedPayloads();
    await section.getByRole('button', { name: 'Save current as…', exact: true }).click();
    await section.getByLabel('Template name', { exact: true }).fill('Ask status');
    await section.getByRole('button', { name: 'Save template', exact: true }).click();
    await expect.poll(() => app.savedPayloadsNotice()).toMatch(/Not saved: one MQTT 5 option/);
    // The editor stays open with its name: fixing the option and saving again is enough.
    await app.field('Message expiry (s)').fill('60');
    await section.getByRole('button', { name: 'Save template', exact: true }).click();
    await app.savedPayload('Ask status').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await app.savedPayload('Ask status').textContent()).toMatch(/MQTT 5 options/);

    const [saved] = await (await openWorkerApi(page))('listTemplates', DEVICE);
    expect(saved?.options).toMatchObject({
      contentType: 'text/plain',
      responseTopic: 'deck/reply',
      messageExpiryIntervalS: 60,
    });
    expect(new TextDecoder().decode(saved?.options.correlationData)).toBe('req-1');

    await app.field('Content type').fill('');
    await app.field('Publish topic').fill('elsewhere');
    await app.button('Load into form: Ask status').click();
    expect(await app.field('Content type').inputValue()).toBe('text/plain');
    expect(await app.field('Correlation data').inputValue()).toBe('req-1');
    expect(await app.field('Publish topic').inputValue()).toBe('deck/req');
  });

  test('each saved profile has its own collection; the worker refuses a bad one in words', async () => {
    const { page } = await connectedApp();
    const api = await openWorkerApi(page);
    const one = (key: string, name: string, topic: string): PayloadTemplate => ({
      key,
      name,
      topic,
      payload: name,
      options: { qos: 0, retain: false },
    });
    expect(await api('saveTemplates', 'profile-a', [one('a1', 'A one', 'a/1')])).toEqual({
      ok: true,
    });
    expect(
      await api('saveTemplates', 'profile-b', [
        one('b1', 'B one', 'b/1'),
        one('b2', 'B two', 'b/2'),
      ]),
    ).toEqual({ ok: true });
    expect((await api('listTemplates', 'profile-a')).map((t) => t.name)).toEqual(['A one']);
    expect((await api('listTemplates', 'profile-b')).map((t) => t.name)).toEqual([
      'B one',
      'B two',
    ]);
    expect(await api('listTemplates', DEVICE)).toEqual([]);
    expect(await api('listTemplates', '__proto__')).toEqual([]);

    const bad = await api('saveTemplates', 'profile-a', [one('x', 'Wild', 'a/#')]);
    expect(bad).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Saved payload 1 \("Wild"\) cannot be saved: its topic "a\/#"/,
      ),
    });
    expect((await api('listTemplates', 'profile-a')).map((t) => t.name)).toEqual(['A one']);
  });

  test('export then import gives the same templates under fresh keys; bad files are refused in words', async () => {
    const { page, app } = await connectedApp();
    await saveFromForm(app, 'First', 'deck/out/1', '{"a":1}', 2, true);
    await saveFromForm(app, 'Second', 'deck/out/2', 'two', 0);
    const download = page.waitForEvent('download');
    await app.button('Export saved payloads').click();
    const path = await (await download).path();
    const text = await readFile(path, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'mqtt-deck-payloads', version: 1 });

    await app.importSavedPayloads('saved-payloads.json', text);
    await expect.poll(() => app.savedPayloadsNotice()).toMatch(/Imported 2 saved payloads/);
    const api = await openWorkerApi(page);
    const all = await api('listTemplates', DEVICE);
    expect(all).toHaveLength(4);
    const [a, b, c, d] = all;
    const strip = ({ key: _key, ...rest }: PayloadTemplate) => rest;
    expect([c, d].map((t) => t && strip(t))).toEqual([a, b].map((t) => t && strip(t)));
    expect(new Set(all.map((t) => t.key)).size).toBe(4);

    const cases: [string, string | Buffer, RegExp][] = [
      ['not JSON', 'name,topic\nx,y', /not JSON/],
      [
        'wrong format',
        JSON.stringify({ format: 'mqtt-deck-dashboard', version: 1, dashboard: {} }),
        /not a saved payloads file/,
      ],
      [
        'wildcard topic',
        file([{ name: 'Wild', topic: 'deck/#', payload: '', options: { qos: 0, retain: false } }]),
        /Template 1 \("Wild"\): its topic "deck\/#" is not valid: .*wildcards/,
      ],
      ['too large', Buffer.alloc(16 * 1024 * 1024 + 1, 32), /larger than 16 MiB/],
    ];
    for (const [what, content, message] of cases) {
      await app.importSavedPayloads(`${what}.json`, content);
      await expect
        .poll(() => app.savedPayloadsNotice(), { timeout: UI_TIMEOUT_MS })
        .toMatch(message);
      expect(await app.savedPayloadsNotice()).toMatch(/Nothing was imported/);
    }
    expect(await api('listTemplates', DEVICE)).toHaveLength(4);
  });

  test.each<[SizeName, 'light' | 'dark']>([
    ['phone', 'light'],
    ['wall', 'dark'],
  ])('at %s size in %s: usable, no overflow, axe clean', async (size, scheme) => {
    const env = await startDevEnv(suite);
    const page = await pageAt(suite, size, scheme);
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait();
    if (size === 'phone') await showView(page, 'Publish');
    await app.savedPayloads().waitFor({ timeout: UI_TIMEOUT_MS });
    await saveFromForm(
      app,
      'Open the valve on line 3 (a long name to wrap)',
      'plant/line3/valve/cmd',
      '{"open":true}',
      1,
      true,
    );
    await saveFromForm(app, 'Ping', 'deck/out/ping', 'ping', 0);
    await app.button('Delete Ping').click();
    await app.importSavedPayloads(
      'bad.json',
      file([{ name: 'Wild', topic: 'a/+', payload: '', options: { qos: 0, retain: false } }]),
    );
    await expect.poll(() => app.savedPayloadsNotice()).toMatch(/Nothing was imported/);
    await app.savedPayloads().scrollIntoViewIfNeeded();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth),
    ).toBe(false);
    const blocking = (await axeFindings(page)).violations
      .filter((f) => BLOCKING_IMPACTS.includes(f.impact ?? ''))
      .map((f) => `${f.id}: ${f.help} at ${f.targets.join(', ')}`);
    expect(blocking).toEqual([]);
    await mkdir(SHOTS_DIR, { recursive: true });
    await app.savedPayloads().screenshot({ path: `${SHOTS_DIR}/${size}-${scheme}.png` });
  });
});
