// Dashboards in the built app: the demo dashboard live from the simulated device (values,
// status, chart, a switch and a button that command it), a dashboard built by hand with the
// editor (stale after its age), moved and resized from the keyboard, export → import equal,
// a malformed file refused in words, and delete.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { connectNodeClient } from '../fixtures/servers/node-client';
import { showView } from '../fixtures/browser/views';

const suite = useBrowserSuite();
const UI_TIMEOUT_MS = 10_000;

const tile = (page: Page, name: string) => page.getByRole('article', { name, exact: true });
const tileNames = (page: Page) =>
  page
    .getByRole('list', { name: /^Tiles of / })
    .getByRole('article')
    .evaluateAll((tiles) => tiles.map((t) => t.querySelector('h3')?.textContent));

async function exported(
  page: Page,
): Promise<{ format: string; dashboard: { id: string; name: string } }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export' }).click(),
  ]);
  return JSON.parse(await readFile(await download.path(), 'utf8')) as never;
}

describe('dashboards', () => {
  test('the demo dashboard shows the simulated device live and commands it', async () => {
    const env = await startDevEnv(suite, {
      devices: 1,
      deviceIntervalMs: 200,
      devSubscriptions: ['deck/#'],
    });
    const { page, pageErrors } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait();
    await showView(page, 'Dashboards');
    await page.getByRole('button', { name: 'Add demo dashboard' }).click();

    const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: UI_TIMEOUT_MS });
    await poll(() => tile(page, 'Temperature').textContent()).toMatch(/\d+\.\d\s*°C.*Updated/);
    await poll(() => tile(page, 'Status').textContent()).toMatch(/OK|Warm|Too hot/);
    await poll(() => tile(page, 'Signal').textContent()).toMatch(/-\d+\s*dBm/);
    await poll(() => tile(page, 'Humidity').textContent()).toMatch(/\d+\.\d\s*%/);
    await poll(() =>
      tile(page, 'Temperature and humidity').locator('canvas').count(),
    ).toBeGreaterThan(0);
    await poll(() => tile(page, 'Temperature and humidity').textContent()).toMatch(
      /Temperature °C: \d/,
    );

    // The switch reads the relay back from the device: it turns on only once the device says so.
    const relay = page.getByRole('switch', { name: 'Relay' });
    await poll(() => relay.getAttribute('aria-checked')).toBe('false');
    await relay.click();
    await poll(() => relay.getAttribute('aria-checked')).toBe('true');
    await page.getByRole('button', { name: 'Ping', exact: true }).click();
    await poll(() => tile(page, 'Ping').textContent()).toMatch(/Acknowledged/);
    await poll(() => tile(page, 'Last command answer').textContent()).toMatch(/"ok":true/);
    expect(env.counts.publishes.get('deck/devices/sensor-1/cmd')).toBe(2);

    // A broker that goes away: a banner that blocks nothing says the app is reconnecting.
    await env.stopBroker();
    const banner = page.getByRole('status').filter({ hasText: /Connection lost/ });
    await poll(() => banner.textContent()).toMatch(/reconnect/i);
    await page.getByRole('button', { name: 'Edit', exact: true }).click(); // still usable
    expect(pageErrors).toEqual([]);
  });

  test('build, edit, go stale, export and import, refuse a bad file, delete', async () => {
    const env = await startDevEnv(suite);
    const { page, pageErrors } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait();
    await showView(page, 'Dashboards');

    await page.getByRole('button', { name: 'New dashboard' }).click();
    await app.field('New dashboard name').fill('Probe board');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('button', { name: 'Add tile' }).first().click();
    await app.field('Kind').selectOption({ label: 'Value' });
    await app.field('Title').fill('Probe');
    await app.field('Topic').fill('deck/test/probe');
    await app.field('JSON path').fill('a.v[1]');
    await app.field('Stale after (s)').fill('2');
    await app.field('Unit').fill('kPa');
    await page.getByRole('button', { name: 'Add tile' }).last().click();
    await tile(page, 'Probe').waitFor();

    // The dashboard subscribed to its topic by itself; a value at the path shows, then ages.
    await expect.poll(() => env.counts.subscribes, { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(0);
    const publisher = await connectNodeClient(suite, env.broker.url);
    await publisher.client.publishAsync('deck/test/probe', '{"a":{"v":[1,42.25]}}', { qos: 1 });
    await expect
      .poll(() => tile(page, 'Probe').textContent(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/42\.3\s*kPa.*Updated/);
    expect(await tile(page, 'Probe').textContent()).not.toMatch(/Stale/);
    await expect
      .poll(() => tile(page, 'Probe').textContent(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/Stale.*Stale: last value \d+ s ago/);
    expect(await tile(page, 'Probe').getAttribute('data-stale')).toBe('true');

    // Configure: a second tile, then move it before the first with the keyboard, resize by button.
    await page.getByRole('button', { name: 'Add tile' }).first().click();
    await app.field('Kind').selectOption({ label: 'Last message' });
    await app.field('Title').fill('Raw');
    await app.field('Topic').fill('deck/test/#');
    await page.getByRole('button', { name: 'Add tile' }).last().click();
    expect(await tileNames(page)).toEqual(['Probe', 'Raw']);
    await tile(page, 'Raw').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => tileNames(page)).toEqual(['Raw', 'Probe']);
    await page.keyboard.press('Shift+ArrowRight');
    await page.getByRole('button', { name: 'Taller Probe' }).click();
    await page.getByRole('button', { name: 'Configure Probe' }).click();
    await app.field('Title').fill('Pressure');
    await page.getByRole('button', { name: 'Save tile' }).click();
    await expect.poll(() => tileNames(page)).toEqual(['Raw', 'Pressure']);

    // Export, then import the file: an equal dashboard under a new id.
    const file = await exported(page);
    const saved = file.dashboard as {
      id: string;
      name: string;
      tiles: { title: string; w: number; h: number }[];
    };
    expect(saved.tiles.map((t) => [t.title, t.w, t.h])).toEqual([
      ['Raw', 3, 1],
      ['Pressure', 1, 2],
    ]);
    await page.getByLabel('Dashboard file to import').setInputFiles({
      name: 'board.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await expect
      .poll(() => page.getByLabel('Dashboard', { exact: true }).locator('option').count())
      .toBe(2);
    const again = await exported(page);
    expect(again.dashboard.id).not.toBe(saved.id);
    expect({ ...again.dashboard, id: saved.id }).toEqual(saved);

    // A malformed file is refused with the reasons, and nothing is added.
    const bad = {
      format: 'mqtt-deck-dashboard',
      version: 1,
      dashboard: {
        id: 'x',
        name: 'Bad',
        tiles: [
          { id: 't', kind: 'gauge', topic: '#/x', w: 1, h: 1, staleAfterS: 5, min: 5, max: 1 },
        ],
      },
    };
    await page.getByLabel('Dashboard file to import').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'could not be imported' });
    await expect
      .poll(() => alert.textContent())
      .toMatch(/tiles\[0\]\.topic: .*tiles\[0\]\.max: must be above min/s);
    await page.getByLabel('Dashboard file to import').setInputFiles({
      name: 'x.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":'),
    });
    await expect.poll(() => alert.textContent()).toMatch(/not valid JSON/);
    expect(await page.getByLabel('Dashboard', { exact: true }).locator('option').count()).toBe(2);

    // Saved in IndexedDB: a reload keeps both; delete removes one for good.
    await page.reload();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('button', { name: 'Delete dashboard' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await expect
      .poll(() => page.getByLabel('Dashboard', { exact: true }).locator('option').count())
      .toBe(1);
    await page.reload();
    await expect
      .poll(() => page.getByLabel('Dashboard', { exact: true }).locator('option').count())
      .toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
