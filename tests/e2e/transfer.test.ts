// Export and import through the History view's Import & export tab: export the explorer's
// filtered selection to a file the page asks for (File System Access API) and, without that
// API, as a download; import an NDJSON export with the file input, by drag and drop and as a
// file the installed app was launched with; cancel one. (Offline review: capture-offline.test.ts;
// the Storage tab's captures: storage.test.ts.)
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import type { DevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { connectNodeClient } from '../fixtures/servers/node-client';
import * as fixture from '../fixtures/browser/transfer-page';
import { showView } from '../fixtures/browser/views';

const suite = useBrowserSuite();
const TOPIC = 'deck/xfer';
const LIVE = 300;
const IMPORTED = 10_000;
const UI_TIMEOUT_MS = 20_000;

/** The app connected and `LIVE` messages stored, alternating between topics a and b. */
async function withLiveHistory(env: DevEnv, page: Page): Promise<DeckApp> {
  const app = await DeckApp.open(page, env.appUrl);
  await app.connectAndWait();
  await app.subscribe(`${TOPIC}/#`, 1);
  const node = await connectNodeClient(suite, env.broker.url);
  for (let i = 0; i < LIVE; i++) {
    await node.client.publishAsync(`${TOPIC}/${i % 2 ? 'b' : 'a'}`, `m${i}`, { qos: 1 });
  }
  await app.expectStoredCount(LIVE, UI_TIMEOUT_MS);
  return app;
}

/** Filters the explorer to topic `a`, then opens Import & export. */
async function filterToA(app: DeckApp): Promise<void> {
  await showView(app.page, 'History');
  await app.explore({ 'Topic filter': `${TOPIC}/a` });
  await app.historyTab('Import & export');
  await expect
    .poll(() => app.exportCard().getByLabel('Export selection').textContent(), {
      timeout: UI_TIMEOUT_MS,
    })
    .toBe(`Export the ${LIVE / 2} messages matching the current filter in live history.`);
}

/** The lines of an NDJSON export: the header, then one message per line. */
function exportedLines(text: string): { topic: string; payload: string }[] {
  const lines = text.trimEnd().split('\n');
  expect(JSON.parse(lines[0] ?? '')).toMatchObject({ format: 'mqtt-deck-export' });
  return lines.slice(1).map((line) => JSON.parse(line) as { topic: string; payload: string });
}

function expectTopicA(lines: { topic: string; payload: string }[]): void {
  expect(lines).toHaveLength(LIVE / 2);
  expect(new Set(lines.map((l) => l.topic))).toEqual(new Set([`${TOPIC}/a`]));
  // Oldest first: m0, m2, m4…
  expect(lines.map((l) => l.payload)).toEqual(
    Array.from({ length: LIVE / 2 }, (_, i) => `m${i * 2}`),
  );
}

/** Waits for the import's result and returns its words. */
async function importResult(app: DeckApp): Promise<string> {
  const result = app.importCard().getByRole('status');
  await result.waitFor({ timeout: 60_000 });
  return (await result.textContent()) ?? '';
}

describe('export', () => {
  test('to a file the page asks for: the worker writes the filtered selection', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    // Headless Chromium shows no save dialog to drive: the stand-in answers with a real
    // FileSystemFileHandle (private file system), which the app hands to its worker as is.
    await fixture.standInSavePicker(page);
    await fixture.recordProgress(page);
    const app = await withLiveHistory(env, page);
    await filterToA(app);

    // Closing the picker is not an error: nothing starts, nothing is said.
    await page.evaluate(() => (window.__pickerAbort = true));
    await app.exportCard().getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => page.evaluate(() => window.__pickerCalls?.length)).toBe(1);
    expect(await app.exportCard().getByRole('alert').count()).toBe(0);
    expect(await app.exportCard().getByRole('status').count()).toBe(0);

    await page.evaluate(() => (window.__pickerAbort = false));
    await app.exportCard().getByRole('button', { name: 'Export', exact: true }).click();
    const done = app.exportCard().getByRole('status');
    await expect
      .poll(() => done.textContent(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/^Exported 150 messages \(.+\) to picked-export\.$/);
    const names = await page.evaluate(() => window.__pickerCalls ?? []);
    expect(names[1]).toMatch(/^mqtt-deck-live-history-\d{4}-\d\d-\d\d-\d{4}\.ndjson$/);
    const text = await page.evaluate(async (name) => {
      const root = await navigator.storage.getDirectory();
      return (await (await root.getFileHandle(name)).getFile()).text();
    }, fixture.PICKED_FILE);
    expectTopicA(exportedLines(text));
  }, 90_000);

  test('as a download where the File System Access API is missing, NDJSON and CSV', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    await fixture.withoutSavePicker(page);
    const app = await withLiveHistory(env, page);
    expect(await page.evaluate(() => 'showSaveFilePicker' in window)).toBe(false);
    await filterToA(app);

    const exportButton = app.exportCard().getByRole('button', { name: 'Export', exact: true });
    const [ndjson] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(ndjson.suggestedFilename()).toMatch(/\.ndjson$/);
    expectTopicA(exportedLines(await readFile(await ndjson.path(), 'utf8')));
    await expect
      .poll(() => app.exportCard().getByRole('status').textContent())
      .toMatch(/^Exported 150 messages .* as the download mqtt-deck-.*\.ndjson\.$/);

    await app.exportCard().getByLabel('Format', { exact: true }).selectOption('csv');
    const [csv] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const rows = (await readFile(await csv.path(), 'utf8')).trimEnd().split(/\r?\n/);
    expect(rows[0]).toMatch(/topic/);
    expect(rows).toHaveLength(LIVE / 2 + 1);
    expect(rows.slice(1).every((row) => row.includes(`${TOPIC}/a`))).toBe(true);
  }, 90_000);
});

const BAD_LINES = [
  '{"topic":"plant/x"',
  '[1,2]',
  '{"time":1,"topic":"a/+","qos":0,"retain":false}',
];

/** Opens the History view's Import & export tab on a fresh app (no broker needed). */
async function openTransfer(env: DevEnv, page: Page): Promise<DeckApp> {
  const app = await DeckApp.open(page, env.appUrl);
  await showView(page, 'History');
  await app.historyTab('Import & export');
  return app;
}

/** The needle message of the fixture, found in the Explore tab of the capture shown. */
async function expectNeedle(app: DeckApp): Promise<void> {
  await app.explore({ 'Payload text': 'needle' });
  await expect
    .poll(() => app.explorerTopics(), { timeout: UI_TIMEOUT_MS })
    .toEqual([`plant/line${fixture.NEEDLE_INDEX % 4}/temp`]);
}

describe('import', () => {
  test('through the file input: progress, skipped lines in words, then the capture shown', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    await fixture.recordProgress(page);
    const app = await openTransfer(env, page);
    await app
      .importCard()
      .getByLabel('Choose file', { exact: true })
      .setInputFiles({
        name: 'plant-2.ndjson',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(fixture.ndjsonExport(IMPORTED, BAD_LINES)),
      });
    const name = app.importCard().getByLabel('Capture name', { exact: true });
    expect(await name.inputValue()).toBe('plant-2');
    await app.importCard().getByRole('button', { name: 'Import', exact: true }).click();
    expect(await importResult(app)).toMatch(
      /^Imported 10,000 messages into capture 'plant-2'; 3 lines skipped:/,
    );
    const problems = app.importCard().getByRole('list', { name: 'Skipped lines' });
    expect(await problems.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^line 13: .*JSON/),
      expect.stringMatching(/^line 14: .*object/),
      expect.stringMatching(/^line 15: .*topic/),
    ]);
    // Progress showed bytes read of the file's size on the way.
    const progress = await page.evaluate(() => window.__progress ?? []);
    expect(progress.some((p) => /^[\d,]+ messages, [\d.]+ \w?B of [\d.]+ MB$/.test(p))).toBe(true);

    await app.importCard().getByRole('button', { name: 'Show capture', exact: true }).click();
    await expect
      .poll(() => page.getByRole('tab', { name: 'Explore' }).getAttribute('aria-selected'))
      .toBe('true');
    // Live history is empty here: the needle is found only if the capture is what is shown.
    await expectNeedle(app);
  }, 90_000);

  test('by drag and drop, under a name of the user', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await openTransfer(env, page);
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.ndjson', { type: 'application/x-ndjson' }));
      const zone = document.querySelector('.drop-zone');
      if (!zone) throw new Error('no drop zone');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }));
    }, fixture.ndjsonExport(500));
    await expect
      .poll(() => app.importCard().getByLabel('Chosen file').textContent())
      .toBe('dropped.ndjson');
    await app.importCard().getByLabel('Capture name', { exact: true }).fill('Line test, night');
    await app.importCard().getByRole('button', { name: 'Import', exact: true }).click();
    expect(await importResult(app)).toBe(
      "Imported 500 messages into capture 'Line test, night'.Show capture",
    );
    await app.historyTab('Storage');
    await expect
      .poll(() => app.captureItems().allTextContents(), { timeout: UI_TIMEOUT_MS })
      .toEqual([expect.stringMatching(/^Line test, night.*dropped\.ndjson · 500 messages/)]);
  }, 60_000);

  test('a file the installed app is opened with becomes a capture, shown at once', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    // Headless Chromium cannot launch a file handler (the manifest's file_handlers are checked
    // in pwa.test.ts): the stand-in queue keeps the app's consumer, and the test calls it with
    // a FileSystemFileHandle from the private file system, as Chromium would with the user's file.
    await fixture.standInLaunchQueue(page);
    await fixture.recordProgress(page);
    await DeckApp.open(page, env.appUrl);
    const app = new DeckApp(page);
    await fixture.launchFile(page, 'line-4.ndjson', fixture.ndjsonExport(IMPORTED));
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/history');
    // The import ran in the Import & export tab (its progress showed), then Explore came back.
    await expect
      .poll(() => page.evaluate(() => window.__progress?.length ?? 0), { timeout: UI_TIMEOUT_MS })
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.getByRole('tab', { name: 'Explore' }).getAttribute('aria-selected'), {
        timeout: 60_000,
      })
      .toBe('true');
    // The import is done and its capture shown (live history is empty: no needle there).
    await expectNeedle(app);
  }, 90_000);

  test('cancelled while it runs: progress shown, nothing kept', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await openTransfer(env, page);
    // About 40 MB: long enough to cancel midway at the importer's 50,000 messages a second.
    const path = join(await suite.tempDir('deck-import-'), 'huge.ndjson');
    await writeFile(path, fixture.ndjsonExport(300_000));
    await app.importCard().getByLabel('Choose file', { exact: true }).setInputFiles(path);
    await app.importCard().getByRole('button', { name: 'Import', exact: true }).click();
    const bar = app.importCard().getByRole('progressbar', { name: 'Import progress' });
    await expect.poll(() => bar.getAttribute('aria-valuenow')).not.toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toMatch(/^\d{7,}$/); // the file's bytes
    await app.importCard().getByRole('button', { name: 'Cancel import', exact: true }).click();
    expect(await importResult(app)).toBe('Import cancelled: nothing was kept.');
    await app.historyTab('Storage');
    await page.getByText('No captures.', { exact: false }).waitFor();
  }, 90_000);
});
