// Charts from history in the built app: two known numeric series published to the dev broker,
// drawn on one chart (checked through what the chart exposes and its legend), redrawn at a new
// width, exported as CSV; bad fields refused in words; screenshots at phone and wall sizes.
import { mkdir, readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { connectNodeClient } from '../fixtures/servers/node-client';
import { REPO_ROOT } from '../fixtures/browser/paths';
import { SIZES, showView } from '../fixtures/browser/views';

const suite = useBrowserSuite();
const UI_TIMEOUT_MS = 10_000;
/** Where the test leaves its screenshots, to be looked at. */
const SHOTS_DIR = `${REPO_ROOT}.tmp/chart-shots`;

const A = Array.from({ length: 10 }, (_, i) => i + 1); // chart/a {"v": 1..10}
const B = Array.from({ length: 10 }, (_, i) => 101 + i); // chart/b {"w":{"x": 101..110}}

/** Connects, subscribes to chart/#, publishes A and B (and two non-numbers) and waits for storage. */
async function storedSeries(page: Page, appUrl: string, brokerUrl: string): Promise<DeckApp> {
  const app = await DeckApp.open(page, appUrl);
  await app.connectAndWait();
  await app.subscribe('chart/#', 1);
  const node = await connectNodeClient(suite, brokerUrl);
  for (const [i, v] of A.entries()) {
    await node.client.publishAsync('chart/a', JSON.stringify({ v }), { qos: 1 });
    await node.client.publishAsync('chart/b', JSON.stringify({ w: { x: B[i] } }), { qos: 1 });
  }
  await node.client.publishAsync('chart/a', '{"v":"n/a"}', { qos: 1 });
  await node.client.publishAsync('chart/a', 'not json', { qos: 1 });
  await app.expectStoredCount(A.length + B.length + 2);
  return app;
}

const group = (page: Page, n: number) => page.getByRole('group', { name: `Series ${n}` });

async function drawTwo(page: Page, app: DeckApp): Promise<void> {
  await showView(page, 'History');
  await app.historyTab('Chart');
  await group(page, 1).getByLabel('Topic').fill('chart/a');
  await group(page, 1).getByLabel('JSON field').fill('v');
  await page.getByRole('button', { name: 'Add series' }).click();
  await group(page, 2).getByLabel('Topic').fill('chart/b');
  await group(page, 2).getByLabel('JSON field').fill('w.x');
  await page.getByRole('button', { name: 'Draw', exact: true }).click();
  const legend = page.getByRole('list', { name: 'Series drawn' }).getByRole('listitem');
  await expect.poll(() => legend.count(), { timeout: UI_TIMEOUT_MS }).toBe(2);
}

const plot = (page: Page) => page.getByRole('img', { name: 'Chart of the series from history' });

describe('charts from history', () => {
  test('two series on one chart, redrawn at a new width, exported as CSV', async () => {
    const env = await startDevEnv(suite);
    const { page, pageErrors } = await suite.newPage();
    const app = await storedSeries(page, env.appUrl, env.broker.url);

    // The newest message's numeric fields are offered for the topic typed.
    await showView(page, 'History');
    await app.historyTab('Chart');
    await group(page, 1).getByLabel('Topic').fill('chart/b');
    await expect
      .poll(() =>
        group(page, 1)
          .locator('datalist option')
          .evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value)),
      )
      .toEqual(['w.x']);

    await group(page, 1).getByLabel('Topic').fill('');
    await drawTwo(page, app);
    const legend = page.getByRole('list', { name: 'Series drawn' }).getByRole('listitem');
    const figures = (i: number) =>
      legend.nth(i).evaluate((li) => ({ ...(li as HTMLElement).dataset }));
    expect(await figures(0)).toEqual({ values: '10', skipped: '2', min: '1', max: '10' });
    expect(await figures(1)).toEqual({ values: '10', skipped: '0', min: '101', max: '110' });
    await expect.poll(() => plot(page).locator('canvas').count()).toBeGreaterThan(0);
    const points = Number(await plot(page).getAttribute('data-points'));
    expect(points).toBeGreaterThanOrEqual(2);

    // One bucket per CSS pixel: the box's width, and again after the window narrows.
    const width = () => plot(page).evaluate((el) => (el as HTMLElement).clientWidth);
    expect(Number(await plot(page).getAttribute('data-buckets'))).toBe(await width());
    await page.setViewportSize({ width: 900, height: 900 });
    await expect
      .poll(async () => Number(await plot(page).getAttribute('data-buckets')), {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe(await width());

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export chart data as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^mqtt-deck-chart-.*\.csv$/);
    const [header, ...rows] = (await readFile(await download.path(), 'utf8'))
      .trimEnd()
      .split('\r\n');
    expect(header).toBe(
      '"time","chart/a v mean","chart/a v min","chart/a v max","chart/b w.x mean","chart/b w.x min","chart/b w.x max"',
    );
    const cells = rows.map((r) => r.split(','));
    for (const row of cells) expect(new Date(row[0]!).toISOString()).toBe(row[0]);
    const column = (k: number) =>
      cells
        .map((r) => r[k]!)
        .filter((c) => c !== '')
        .map(Number);
    expect(Math.min(...column(2))).toBe(1);
    expect(Math.max(...column(3))).toBe(10);
    expect(Math.min(...column(5))).toBe(101);
    expect(Math.max(...column(6))).toBe(110);
    // Every drawn point is a row's mean, within that row's min and max.
    expect(column(1).length + column(4).length).toBe(points);
    for (const row of cells) {
      for (const k of [1, 4]) {
        if (row[k] === '') continue;
        expect(Number(row[k])).toBeGreaterThanOrEqual(Number(row[k + 1]));
        expect(Number(row[k])).toBeLessThanOrEqual(Number(row[k + 2]));
      }
    }
    expect(pageErrors).toEqual([]);
  });

  test('bad fields are refused in words; a field no message has says none were found', async () => {
    const env = await startDevEnv(suite);
    const { page, pageErrors } = await suite.newPage();
    const app = await storedSeries(page, env.appUrl, env.broker.url);
    await showView(page, 'History');
    await app.historyTab('Chart');
    await group(page, 1).getByLabel('Topic').fill('chart/#/a');
    await group(page, 1).getByLabel('JSON field').fill('a..b');
    await page.getByRole('button', { name: 'Draw', exact: true }).click();
    await expect.poll(() => app.inlineError('Topic')).toMatch(/#/);
    await expect.poll(() => app.inlineError('JSON field')).toMatch(/not a path/);

    await group(page, 1).getByLabel('Topic').fill('chart/a');
    await group(page, 1).getByLabel('JSON field').fill('nothing.here');
    await page.getByRole('button', { name: 'Draw', exact: true }).click();
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: /No numbers found/ })
            .count(),
        { timeout: UI_TIMEOUT_MS },
      )
      .toBe(1);
    expect(await page.getByRole('button', { name: 'Export chart data as CSV' }).isDisabled()).toBe(
      true,
    );
    expect(pageErrors).toEqual([]);
  });

  test('screenshots at phone and wall sizes, light and dark', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await storedSeries(page, env.appUrl, env.broker.url);
    await drawTwo(page, app);
    await mkdir(SHOTS_DIR, { recursive: true });
    for (const size of ['phone', 'wall'] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize(SIZES[size]);
        await page.emulateMedia({ colorScheme: scheme });
        await page.getByRole('button', { name: 'Draw', exact: true }).click();
        await expect
          .poll(async () => Number(await plot(page).getAttribute('data-buckets')))
          .toBe(await plot(page).evaluate((el) => (el as HTMLElement).clientWidth));
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${SHOTS_DIR}/${size}-${scheme}.png` });
        if (size === 'phone') {
          await page.getByRole('list', { name: 'Series drawn' }).scrollIntoViewIfNeeded();
          await page.screenshot({ path: `${SHOTS_DIR}/${size}-${scheme}-chart.png` });
        }
      }
    }
  });
});
