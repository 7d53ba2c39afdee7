// The History view's Explore tab against known data: each filter kind through the form, the
// count, the whole payload in the detail, and a disconnected period among the results.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { startDevBroker } from '../../broker-dev/dev-broker';
import { CONNECTED, DeckApp } from '../fixtures/browser/app';
import { BLOCKING_IMPACTS, axeFindings } from '../fixtures/browser/axe';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite, type BrowserSuite } from '../fixtures/browser/harness';
import { connectNodeClient } from '../fixtures/servers/node-client';
import { freePort } from '../fixtures/servers/ports';
import { NEEDLE_INDEX, ndjsonExport } from '../fixtures/browser/transfer-page';
import { REPO_ROOT } from '../fixtures/browser/paths';
import { SIZES, pageAt, showView, type SizeName } from '../fixtures/browser/views';

const suite = useBrowserSuite();
const UI_TIMEOUT_MS = 10_000;
/** The imported capture: messages on plant/line0..3/temp, payloads {"t":i}, one needle. */
const CAPTURE_MESSAGES = 10_000;
const BIG_PAYLOAD = `BEGIN${'x'.repeat(3_000)}END`;
/** Where the layout test leaves its screenshots, to be looked at. */
const SHOTS_DIR = `${REPO_ROOT}.tmp/explore-shots`;

const pad = (n: number) => String(n).padStart(2, '0');
/** A datetime-local value with seconds, local time (the test and the browser share the zone). */
function localInput(ms: number): string {
  const d = new Date(ms);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

interface Known {
  app: DeckApp;
  /** A whole second: the first two messages arrived before it, the rest after. */
  boundary: number;
}

/**
 * Stores known messages: a retained status (delivered retained on subscribe) and room1/temp
 * before `boundary`; room2/temp, room1/humidity and a 3,008-byte payload after it.
 */
async function storeKnownData(suite: BrowserSuite, page: Page): Promise<Known> {
  const env = await startDevEnv(suite);
  const node = await connectNodeClient(suite, env.broker.url);
  await node.client.publishAsync('deck/x/status', 'online', { qos: 1, retain: true });
  const app = await DeckApp.open(page, env.appUrl);
  await app.connectAndWait();
  // Phones show one view at a time: the subscription form is a view of its own there.
  if ((page.viewportSize()?.width ?? SIZES.wall.width) < SIZES.tablet.width) {
    await showView(page, 'Subscriptions');
  }
  await app.subscribe('deck/x/#', 2);
  await app.expectStoredCount(1);
  await node.client.publishAsync('deck/x/room1/temp', '21.5', { qos: 0 });
  await app.expectStoredCount(2);
  const boundary = Math.ceil((Date.now() + 1) / 1_000) * 1_000;
  await new Promise((resolve) => setTimeout(resolve, boundary - Date.now() + 50));
  // One at a time: a QoS 2 delivery takes longer than a QoS 0 one, and the order is asserted.
  const after: [string, string, 0 | 1 | 2][] = [
    ['deck/x/room2/temp', 'Temperature HIGH', 1],
    ['deck/x/room1/humidity', '{"rh":40,"note":"temperature ok"}', 2],
    ['deck/x/room2/big', BIG_PAYLOAD, 0],
  ];
  for (const [i, [topic, payload, qos]] of after.entries()) {
    await node.client.publishAsync(topic, payload, { qos });
    await app.expectStoredCount(3 + i);
  }
  await showView(page, 'History');
  return { app, boundary };
}

/** Searches with `fields` and waits until the rows are exactly `topics`, newest first. */
async function expectResults(
  app: DeckApp,
  fields: Record<string, string | boolean>,
  topics: string[],
) {
  await app.explore(fields);
  await expect.poll(() => app.explorerTopics(), { timeout: UI_TIMEOUT_MS }).toEqual(topics);
}

describe('history explorer', () => {
  test('filters by topic, time, text, regex, case, QoS and retained, and counts', async () => {
    const { page } = await suite.newPage();
    const { app, boundary } = await storeKnownData(suite, page);
    const all = [
      'deck/x/room2/big',
      'deck/x/room1/humidity',
      'deck/x/room2/temp',
      'deck/x/room1/temp',
      'deck/x/status',
    ];
    await expectResults(app, {}, all);
    await expect.poll(() => app.explorerCount().textContent()).toBe('5 messages match');

    await expectResults(app, { 'Topic filter': 'deck/x/+/temp' }, [
      'deck/x/room2/temp',
      'deck/x/room1/temp',
    ]);
    await expect.poll(() => app.explorerCount().textContent()).toBe('2 messages match');
    await expectResults(app, { 'Topic filter': 'deck/x/room1/#' }, [
      'deck/x/room1/humidity',
      'deck/x/room1/temp',
    ]);
    await expectResults(app, { From: localInput(boundary) }, all.slice(0, 3));
    await expectResults(app, { To: localInput(boundary - 1_000) }, all.slice(3));

    await expectResults(app, { 'Payload text': 'temp' }, ['deck/x/room1/humidity']);
    await expectResults(app, { 'Payload text': 'temp', 'Ignore case': true }, [
      'deck/x/room1/humidity',
      'deck/x/room2/temp',
    ]);
    await expectResults(app, { 'Payload text': 'HIGH$', 'Regular expression': true }, [
      'deck/x/room2/temp',
    ]);
    await expectResults(
      app,
      { 'Payload text': '^\\{"RH":\\d+', 'Regular expression': true, 'Ignore case': true },
      ['deck/x/room1/humidity'],
    );

    await expectResults(app, { 'QoS 0': false, 'QoS 1': false }, ['deck/x/room1/humidity']);
    await expectResults(app, { 'QoS 0': false, 'QoS 2': false }, [
      'deck/x/room2/temp',
      'deck/x/status',
    ]);
    await expectResults(app, { Retained: 'Only retained' }, ['deck/x/status']);
    await expectResults(app, { Retained: 'Not retained' }, all.slice(0, 4));
    await expect.poll(() => app.explorerCount().textContent()).toBe('4 messages match');

    // The app's own publish (on a topic it does not subscribe to, so it is stored once).
    await showView(page, 'Publish');
    await app.publish('deck/out/me', 'sent by me', { qos: 1 });
    await app.expectStoredCount(6);
    await showView(page, 'History');
    await expectResults(app, { Direction: 'Published' }, ['deck/out/me']);
    expect(await app.explorerRows().first().textContent()).toContain('Published');
    await expectResults(app, { Direction: 'Received' }, all);
    expect(await app.explorerRows().filter({ hasText: 'Published' }).count()).toBe(0);
  });

  test('explains a bad regular expression, a bad topic filter and an empty time range', async () => {
    const { page } = await suite.newPage();
    const { app, boundary } = await storeKnownData(suite, page);
    await app.explore({ 'Payload text': '(unclosed', 'Regular expression': true });
    expect(await app.explorerError('Payload text')).toMatch(/Not a valid regular expression/);
    await app.explore({ 'Topic filter': 'deck/#/x' });
    expect(await app.explorerError('Topic filter')).toMatch(/#/);
    await app.explore({ From: localInput(boundary), To: localInput(boundary - 60_000) });
    expect(await app.explorerError('To')).toMatch(/before "From"/);
  });

  test('shows the whole payload of a selected result, and arrow keys move the selection', async () => {
    const { page } = await suite.newPage();
    const { app } = await storeKnownData(suite, page);
    await expectResults(app, { 'Topic filter': 'deck/x/room2/#' }, [
      'deck/x/room2/big',
      'deck/x/room2/temp',
    ]);
    await app.explorerRows().filter({ hasText: 'deck/x/room2/big' }).click();
    const detail = app.explorerDetail();
    await detail.getByText('deck/x/room2/big', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expect
      .poll(async () => (await detail.getByRole('tabpanel').textContent()) ?? '', {
        timeout: UI_TIMEOUT_MS,
      })
      .toContain(`${'x'.repeat(100)}END`);
    await page.keyboard.press('ArrowDown');
    await detail.getByText('Temperature HIGH').first().waitFor({ timeout: UI_TIMEOUT_MS });
  });

  test('pages through thousands of matches with only the visible rows in the DOM', async () => {
    const MESSAGES = 3_000;
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait();
    await app.subscribe('deck/many/#', 0);
    const node = await connectNodeClient(suite, env.broker.url);
    for (let i = 0; i < MESSAGES; i++) {
      void node.client.publishAsync(`deck/many/${i % 10}`, `message #${i};`, { qos: 0 });
    }
    await app.expectStoredCount(MESSAGES, 30_000);
    await showView(page, 'History');
    await expect
      .poll(() => app.explorerCount().textContent(), { timeout: UI_TIMEOUT_MS })
      .toBe('3,000 messages match');
    await app
      .explorerRows()
      .filter({ hasText: `message #${MESSAGES - 1};` })
      .waitFor();
    const list = app.explorerResults().getByLabel(/^Matching messages/);
    // Scrolled to the end again and again, the list reads older pages until the oldest shows.
    await expect
      .poll(
        async () => {
          await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
          return app.explorerRows().filter({ hasText: 'message #0;' }).count();
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(1);
    expect(await app.explorerRows().count()).toBeLessThan(80);
    const height = await list.evaluate((el) => el.scrollHeight);
    expect(height).toBeGreaterThanOrEqual(MESSAGES * 60);
  });

  test('explores an imported capture, and switching the source runs the search again', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await showView(page, 'History');
    await app.importNdjson('plant.ndjson', ndjsonExport(CAPTURE_MESSAGES));
    await app.importCard().getByRole('button', { name: 'Show capture', exact: true }).click();
    await expect
      .poll(() => app.explorerCount().textContent(), { timeout: 30_000 })
      .toBe('10,000 messages match');

    const needle = `plant/line${NEEDLE_INDEX % 4}/temp`;
    await expectResults(app, { 'Payload text': 'needle' }, [needle]);
    await app.explorerRows().first().click();
    await app.explorerDetail().getByText('needle in the capture').first().waitFor();
    // The diff reads the previous message on the topic from the capture, not from live history.
    await app
      .explorerDetail()
      .getByRole('button', { name: 'Compare with previous message' })
      .click();
    await app
      .explorerDetail()
      .getByText(`{"t":${NEEDLE_INDEX - 4}}`)
      .first()
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await expectResults(
      app,
      {
        'Topic filter': 'plant/line1/#',
        'Payload text': '^\\{"t":[159]\\}$',
        'Regular expression': true,
      },
      ['plant/line1/temp', 'plant/line1/temp', 'plant/line1/temp'],
    );

    // Live history holds nothing: the same filter there finds nothing, and back again it does.
    await app.historySource().selectOption({ label: 'Live history' });
    await expect
      .poll(() => app.explorerCount().textContent(), { timeout: UI_TIMEOUT_MS })
      .toBe('0 messages match');
    expect(await app.explorerRows().count()).toBe(0);
    await app.historySource().selectOption({ label: 'Capture: plant' });
    await expect.poll(() => app.explorerTopics(), { timeout: UI_TIMEOUT_MS }).toHaveLength(3);
  }, 90_000);

  test('a disconnected period shows among the results and on the timeline bar', async () => {
    const env = await startDevEnv(suite);
    const port = await freePort();
    const brokerOn = async () => {
      const broker = await startDevBroker({ host: '127.0.0.1', port });
      let closing: Promise<void> | undefined;
      const close = () => (closing ??= broker.close());
      suite.defer(close);
      return { url: broker.url, close };
    };
    const first = await brokerOn();
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait({ url: first.url });
    await app.subscribe('deck/y/#', 1);
    const before = await connectNodeClient(suite, first.url);
    await before.client.publishAsync('deck/y/before', 'before the outage', { qos: 1 });
    await app.expectMessage('deck/y/before');

    await first.close();
    await app.expectStatus(/Reconnecting|Disconnected/);
    const second = await brokerOn();
    // Skip the backoff: the app retries at once when the page becomes visible again.
    await page.evaluate(() => void document.dispatchEvent(new Event('visibilitychange')));
    await app.expectStatus(CONNECTED, 15_000);
    await app.subscribe('deck/y/#', 1);
    const after = await connectNodeClient(suite, second.url);
    await after.client.publishAsync('deck/y/after', 'after the outage', { qos: 1 });
    await app.expectMessage('deck/y/after');

    await showView(page, 'History');
    const rows = app.explorerResults().locator('[role="article"], [role="note"]');
    /** Newest first: the message after, the reconnect, the disconnect, the message before. */
    const inOrder = async () => {
      const texts = await rows.allTextContents();
      const at = (part: string) => texts.findIndex((text) => text.includes(part));
      const found = [
        at('deck/y/after'),
        at(`Connected to ${second.url}`),
        at('Disconnected'),
        at('deck/y/before'),
      ];
      return found.every((index, i) => index >= 0 && (i === 0 || index > found[i - 1]!));
    };
    await expect.poll(inOrder, { timeout: UI_TIMEOUT_MS }).toBe(true);
    await expect
      .poll(() => page.getByRole('img', { name: /1 disconnected period shaded/ }).count())
      .toBe(1);
    await page.screenshot({ path: `${SHOTS_DIR}/events.png` });
  });

  test.each([
    ['phone', 'light'],
    ['phone', 'dark'],
    ['wall', 'light'],
    ['wall', 'dark'],
  ] as [SizeName, 'light' | 'dark'][])('lays out at %s size, %s', async (size, scheme) => {
    const page = await pageAt(suite, size, scheme);
    const { app } = await storeKnownData(suite, page);
    await expect.poll(() => app.explorerRows().count(), { timeout: UI_TIMEOUT_MS }).toBe(5);
    const toggle = page.getByRole('button', { name: /^Filters/ });
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    const blocking = async () =>
      (await axeFindings(page)).violations
        .filter((f) => BLOCKING_IMPACTS.includes(f.impact ?? ''))
        .map((f) => `${f.id}: ${f.help} at ${f.targets.join(', ')}`);
    if (size === 'phone') {
      expect(await app.explorerForm().isVisible()).toBe(false);
      await toggle.click();
      await app.explorerField('Topic filter').fill('deck/x/#');
      await app.explorerField('Payload text').fill('temp');
      await app.explorerField('Ignore case').check();
      await app.explorerForm().getByRole('button', { name: 'Search', exact: true }).click();
      await expect.poll(() => toggle.textContent()).toBe('Filters (2 active)');
      await toggle.click();
      expect(await app.explorerForm().isVisible()).toBe(false);
      await page.screenshot({ path: `${SHOTS_DIR}/${size}-${scheme}-list.png` });
      await app.explorerRows().first().click();
      await app.explorerDetail().getByRole('tabpanel').waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await app.explorerResults().isVisible()).toBe(false);
      expect(await overflow()).toBe(false);
      expect(await blocking()).toEqual([]);
      await page.screenshot({ path: `${SHOTS_DIR}/${size}-${scheme}-detail.png` });
      await app.explorerDetail().getByRole('button', { name: 'Back to results' }).click();
      await app.explorerResults().waitFor({ state: 'visible' });
    } else {
      expect(await toggle.isVisible()).toBe(false);
      await app.explorerRows().filter({ hasText: 'room1/humidity' }).click();
      await app.explorerDetail().getByRole('tabpanel').waitFor({ timeout: UI_TIMEOUT_MS });
      const form = await app.explorerForm().boundingBox();
      const list = await app.explorerResults().boundingBox();
      const detail = await app.explorerDetail().boundingBox();
      // Three columns side by side, all inside the window.
      expect(form!.x + form!.width).toBeLessThanOrEqual(list!.x);
      expect(list!.x + list!.width).toBeLessThanOrEqual(detail!.x);
      expect(detail!.x + detail!.width).toBeLessThanOrEqual(SIZES.wall.width);
      expect(await overflow()).toBe(false);
      expect(await blocking()).toEqual([]);
      await page.screenshot({ path: `${SHOTS_DIR}/${size}-${scheme}-detail.png` });
    }
  });
});
