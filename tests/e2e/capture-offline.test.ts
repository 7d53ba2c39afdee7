// Offline review of an imported capture: once the service worker has precached the app, a
// capture imported earlier opens, is searched, shown decoded and charted with no network at all
// (the app's server stopped and the browser offline), after a reload.
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import * as fixture from '../fixtures/browser/transfer-page';
import { showView } from '../fixtures/browser/views';

const suite = useBrowserSuite();
const UI_TIMEOUT_MS = 20_000;

describe('offline review', () => {
  test('an imported capture is found again with the network off, after a reload', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await showView(page, 'History');
    await app.historyTab('Import & export');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: UI_TIMEOUT_MS,
    });
    await app.importNdjson('handed-over.ndjson', fixture.ndjsonExport(10_000));
    expect(await app.importCard().getByRole('status').textContent()).toMatch(
      /^Imported 10,000 messages/,
    );

    // Nothing answers: neither the app's server nor, for the browser, the network.
    await env.server.close();
    await env.stopBroker();
    await page.context().setOffline(true);
    await page.reload();
    const offline = new DeckApp(page);
    await offline.historySource().waitFor({ timeout: UI_TIMEOUT_MS });
    await expect
      .poll(() => offline.historySource().locator('option').allTextContents(), {
        timeout: UI_TIMEOUT_MS,
      })
      .toContain('Capture: handed-over');
    await offline.historySource().selectOption({ label: 'Capture: handed-over' });
    await offline.explore({ 'Payload text': 'needle' });
    await expect
      .poll(() => offline.explorerTopics(), { timeout: UI_TIMEOUT_MS })
      .toEqual([`plant/line${fixture.NEEDLE_INDEX % 4}/temp`]);
    await offline.explorerRows().first().click();
    await offline.explorerDetail().getByText('needle in the capture').first().waitFor();

    // Charted from the capture: plant/line2/temp holds {"t":i} for i = 2, 6, … 9998, the needle
    // (not JSON) among them.
    await offline.historyTab('Chart');
    const series = page.getByRole('group', { name: 'Series 1' });
    await series.getByLabel('Topic').fill('plant/line2/temp');
    await series.getByLabel('JSON field').fill('t');
    await page.getByLabel('Time range').selectOption({ label: 'All stored' });
    await page.getByRole('button', { name: 'Draw', exact: true }).click();
    const legend = page.getByRole('list', { name: 'Series drawn' }).getByRole('listitem');
    await expect
      .poll(() => legend.getAttribute('data-values'), { timeout: UI_TIMEOUT_MS })
      .toBe('2499');
    expect(await legend.getAttribute('data-skipped')).toBe('1');
    expect(await legend.getAttribute('data-min')).toBe('2');
    expect(await legend.getAttribute('data-max')).toBe('9998');
  }, 90_000);
});
