// The topic tree: 10,000 topics rendered with a bounded number of rows, keyboard, search, Show
// messages; clearing retained messages (one, then on request a subtree) checked by a Node client;
// the live message list filtered to a topic.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { connectNodeClient } from '../fixtures/servers/node-client';
import { showView } from '../fixtures/browser/views';

const suite = useBrowserSuite();
const TOPICS = 10_000;
const DEEP = 'tree/deep/a/b/c/d/e/needle';
/** More rows than this in the DOM would mean the tree is not virtualized. */
const MAX_DOM_ROWS = 80;
const FILL_TIMEOUT_MS = 60_000;

const tree = (page: Page) => page.getByRole('tree', { name: 'Topics' });
const row = (page: Page, name: string) =>
  tree(page)
    .getByRole('treeitem')
    .filter({ has: page.locator(`.topic-name:text-is("${name}")`) });
const activeRow = (page: Page) => page.locator(`[role="treeitem"].active`);

async function openTopics(page: Page, app: DeckApp) {
  await showView(page, 'History');
  await app.historyTab('Topics');
}

/** What an independent subscriber gets as retained messages under `filter` within a second. */
async function retainedUnder(url: string, filter: string): Promise<string[]> {
  const probe = await connectNodeClient(suite, url);
  await probe.client.subscribeAsync(filter, { qos: 1 });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await probe.client.endAsync(true);
  return probe.received
    .filter((m) => m.packet.retain)
    .map((m) => m.topic)
    .sort();
}

describe('topic tree', () => {
  test('10,000 topics: bounded rows, keyboard, search, Show messages', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait();
    await app.subscribe('#', 0);
    const node = await connectNodeClient(suite, env.broker.url);
    for (let i = 0; i < TOPICS - 1; i++) {
      node.client.publish(`tree/g${i % 10}/n${Math.floor(i / 10) % 100}/t${i}`, `{"v":${i}}`);
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    }
    await node.client.publishAsync(DEEP, 'found me', { qos: 1 });
    await app.expectStoredCount(TOPICS, FILL_TIMEOUT_MS);

    await openTopics(page, app);
    await expect.poll(() => tree(page).getByRole('treeitem').count()).toBe(1);
    const top = row(page, 'tree');
    await expect.poll(() => top.textContent()).toMatch(/10,000/);

    // Keyboard: focus lands on the first row, right expands, down moves, left goes up, left closes.
    await tree(page).focus();
    await expect.poll(() => activeRow(page).getAttribute('data-topic')).toBe('tree');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => top.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => activeRow(page).getAttribute('data-topic')).toBe('tree/deep');
    expect(await activeRow(page).getAttribute('aria-level')).toBe('2');
    expect(await activeRow(page).getAttribute('aria-setsize')).toBe('11');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => row(page, 'g0').getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => row(page, 'n99').count()).toBe(0); // below the fold: not in the DOM
    await page.keyboard.press('End');
    await expect.poll(() => activeRow(page).getAttribute('data-topic')).toBe('tree/g9');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => row(page, 'g0').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => activeRow(page).getAttribute('data-topic')).toBe('tree');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => top.getAttribute('aria-expanded')).toBe('false');

    // A search that keeps 1,011 rows renders only those in view, and scrolls to the last.
    await page.getByLabel('Find topic', { exact: true }).fill('n');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'rows shown' }).textContent())
      .toMatch(/1,018 rows/);
    const domRows = await tree(page).getByRole('treeitem').count();
    expect(domRows).toBeGreaterThan(5);
    expect(domRows).toBeLessThan(MAX_DOM_ROWS);
    await tree(page).evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => row(page, 'n99').count()).toBeGreaterThan(0);
    expect(await tree(page).getByRole('treeitem').count()).toBeLessThan(MAX_DOM_ROWS);

    // Search finds the deep topic; choosing it and Show messages opens Explore filtered to it.
    await page.getByLabel('Find topic', { exact: true }).fill('needle');
    const needle = row(page, 'needle');
    await expect.poll(() => needle.getAttribute('aria-level')).toBe('8');
    await needle.click();
    const details = page.getByRole('region', { name: 'Chosen topic' });
    await expect.poll(() => details.textContent()).toMatch(/found me/);
    await details.getByRole('button', { name: 'Show messages', exact: true }).click();
    await expect
      .poll(() => page.getByRole('tab', { name: 'Explore' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect.poll(() => app.explorerField('Topic filter').inputValue()).toBe(DEEP);
  });

  test('clear retained: one topic, then on request its subtree; the live list filter', async () => {
    const env = await startDevEnv(suite);
    const node = await connectNodeClient(suite, env.broker.url);
    for (const topic of ['ret/a', 'ret/a/x', 'ret/a/y', 'ret/b', 'ret/c/1', 'ret/c/2']) {
      await node.client.publishAsync(topic, `kept ${topic}`, { qos: 1, retain: true });
    }
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait();
    await app.subscribe('ret/#', 1);
    await app.expectStoredCount(6);
    await openTopics(page, app);
    await row(page, 'ret').click();
    await tree(page).press('ArrowRight');
    await expect.poll(() => row(page, 'a').textContent()).toMatch(/retained/);

    const details = page.getByRole('region', { name: 'Chosen topic' });
    const dialog = page.getByRole('dialog', { name: 'Clear retained' });
    await row(page, 'a').click();
    await details.getByRole('button', { name: 'Clear retained…' }).click();
    await expect
      .poll(() => dialog.textContent())
      .toMatch(
        /Publish an empty retained message to ret\/a\? The broker then drops its retained message\./,
      );
    await dialog.getByRole('button', { name: 'Clear retained', exact: true }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/Cleared 1 retained/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await retainedUnder(env.broker.url, 'ret/#')).toEqual([
      'ret/a/x',
      'ret/a/y',
      'ret/b',
      'ret/c/1',
      'ret/c/2',
    ]);
    await expect.poll(() => row(page, 'a').textContent()).not.toMatch(/retained/);

    await details.getByRole('button', { name: 'Clear retained…' }).click();
    await dialog.getByLabel('and every retained topic below it (2)').check();
    await dialog.getByRole('button', { name: 'Clear retained', exact: true }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/Cleared 3 retained/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await retainedUnder(env.broker.url, 'ret/#')).toEqual(['ret/b', 'ret/c/1', 'ret/c/2']);

    // ret/c holds no message itself: only its subtree can be cleared, and only once ticked.
    await row(page, 'c').click();
    await details.getByRole('button', { name: 'Clear retained…' }).click();
    await expect.poll(() => dialog.textContent()).toMatch(/Nothing was stored on ret\/c itself/);
    const clear = dialog.getByRole('button', { name: 'Clear retained', exact: true });
    expect(await clear.isDisabled()).toBe(true);
    await dialog.getByLabel('and every retained topic below it (2)').check();
    await clear.click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/Cleared 2 retained/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await retainedUnder(env.broker.url, 'ret/#')).toEqual(['ret/b']);

    // The live list, filtered to ret/b: only its messages, old and new; Show all lifts it.
    await row(page, 'b').click();
    await details.getByRole('button', { name: 'Filter live list' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/messages');
    const chip = app.messagesRegion().getByRole('status').filter({ hasText: 'Only' });
    await expect.poll(() => chip.textContent()).toMatch(/Only ret\/b/);
    await node.client.publishAsync('ret/a/x', 'not for the filtered list', { qos: 1 });
    await node.client.publishAsync('ret/b', 'fresh b', { qos: 1 });
    await app.expectMessage('fresh b');
    const topics = await app.messagesRegion().locator('.msg-topic').allTextContents();
    expect(new Set(topics)).toEqual(new Set(['ret/b']));
    await chip.getByRole('button', { name: 'Show all' }).click();
    await app.expectMessage('not for the filtered list');
  });
});
