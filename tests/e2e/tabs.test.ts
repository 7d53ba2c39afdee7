// Fault scenario 6: two tabs of one browser on the same client ID never throw each other off in a
// loop. The dev broker counts every CONNECT; the tabs share Web Locks as two tabs of one profile.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { CONNECTED, DISCONNECTED, DeckApp } from '../fixtures/browser/app';
import { startDevEnv, type DevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';

const suite = useBrowserSuite();
const VIEWPORT = { width: 1280, height: 900 };
const CLIENT_ID = 'deck-tabs-shared';
/** How long the second tab sits on a connection the first one holds (the figure). */
const SIDE_BY_SIDE_MS = 60_000;
/** Re-press Connect and nudge a retry this often while waiting: none may reach the broker. */
const NUDGE_EVERY_MS = 15_000;
/** After a takeover: backoff retries would come at about 1, 3, 7 and 15 s, all inside this. */
const AFTER_TAKEOVER_MS = 20_000;
const OPEN_ELSEWHERE = 'This connection is open in another MQTT Deck tab or window.';
const TAKEN_OVER = 'Another tab took over this connection.';
/** The holder's live state, as a tab that waits on the connection shows it. */
const LIVE_CONNECTED = 'In the other tab: connected.';

function liveThere(app: DeckApp): Promise<string | null> {
  return app.page.getByText(/^In the other tab:/).textContent({ timeout: 2_000 });
}

/** Two tabs of one browser profile: they share Web Locks and IndexedDB. */
async function twoTabs(env: DevEnv): Promise<[DeckApp, DeckApp]> {
  const browser = await suite.browser();
  const context = await browser.newContext({ viewport: VIEWPORT });
  suite.defer(() => context.close());
  const open = async () => {
    const { page } = suite.watch(await context.newPage());
    return DeckApp.open(page, env.appUrl);
  };
  return [await open(), await open()];
}

/** What a person does to make the worker retry at once: page shown again, network back. */
async function nudge(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('online'));
  });
}

/** The names of the Web Locks held in the browser profile, as any of its pages sees them. */
async function heldLocks(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const { held = [] } = await navigator.locks.query();
    return held.map((lock) => lock.name ?? '');
  });
}

/** Holds for `ms`, checking all along that the broker saw exactly `connects` CONNECTs. */
async function holdConnects(env: DevEnv, connects: number, ms: number, every?: () => unknown) {
  const end = Date.now() + ms;
  let nextNudge = Date.now() + NUDGE_EVERY_MS;
  while (Date.now() < end) {
    expect(env.counts.connects).toBe(connects);
    if (every && Date.now() >= nextNudge) {
      await every();
      nextNudge += NUDGE_EVERY_MS;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(env.counts.connects).toBe(connects);
}

describe('two tabs on the same client ID', () => {
  test('one connection, no takeover loop; Take over moves it once; closing a tab frees it', async () => {
    const env = await startDevEnv(suite);
    const [one, two] = await twoTabs(env);
    await one.connectAndWait({ clientId: CLIENT_ID });
    expect(env.counts.connects).toBe(1);

    // The second tab is told where the connection lives, and makes no attempt, for a minute.
    await two.connect({ clientId: CLIENT_ID });
    await expect.poll(() => two.takeOverNotice().textContent()).toBe(OPEN_ELSEWHERE);
    await two.expectStatus(DISCONNECTED);
    expect(await two.statusText()).toContain(OPEN_ELSEWHERE);
    await expect.poll(() => liveThere(two)).toBe(LIVE_CONNECTED);
    await holdConnects(env, 1, SIDE_BY_SIDE_MS, async () => {
      await two.button('Connect').click();
      await nudge(two.page);
    });
    await one.expectStatus(CONNECTED);
    await expect.poll(() => two.takeOverNotice().textContent()).toBe(OPEN_ELSEWHERE);
    expect(env.broker.aedes.connectedClients).toBe(1);

    // Take over: exactly one more CONNECT; the first tab stops and never tries again.
    await two.button('Take over').click();
    await two.expectStatus(CONNECTED);
    await expect.poll(() => one.takeOverNotice().textContent()).toBe(TAKEN_OVER);
    await one.expectStatus(DISCONNECTED);
    expect(await one.button('Take over').isVisible()).toBe(true);
    await expect.poll(() => liveThere(one)).toBe(LIVE_CONNECTED);
    await holdConnects(env, 2, AFTER_TAKEOVER_MS, () => nudge(one.page));
    await two.expectStatus(CONNECTED);
    await one.expectStatus(DISCONNECTED);
    expect(env.broker.aedes.connectedClients).toBe(1);

    // The holder's tab closes: its worker ends, the lock is free, the first tab connects again.
    expect(await heldLocks(one.page)).toEqual([expect.stringContaining(`|${CLIENT_ID}`)]);
    await two.page.close();
    await expect.poll(() => heldLocks(one.page), { timeout: 10_000 }).toEqual([]);
    // The lock is checked every 2 s: the notice goes without a click.
    await expect.poll(() => one.takeOverNotice().count(), { timeout: 10_000 }).toBe(0);
    await one.button('Connect').click();
    await one.expectStatus(CONNECTED);
    expect(env.counts.connects).toBe(3);
  }, 180_000);

  test('Disconnect in the holding tab lets the other connect without taking over', async () => {
    const env = await startDevEnv(suite);
    const [one, two] = await twoTabs(env);
    await one.connectAndWait({ clientId: CLIENT_ID });
    await two.connect({ clientId: CLIENT_ID });
    await expect.poll(() => two.takeOverNotice().textContent()).toBe(OPEN_ELSEWHERE);

    await expect.poll(() => liveThere(two)).toBe(LIVE_CONNECTED);

    // The holder says it let go: the waiting tab's notice goes, and Connect needs no Take over.
    await one.button('Disconnect').click();
    await one.expectStatus(DISCONNECTED);
    await expect.poll(() => two.takeOverNotice().count()).toBe(0);
    await two.connectAndWait();
    expect(env.counts.connects).toBe(2);
    expect(await one.takeOverNotice().count()).toBe(0);
  });
});

test('a second tab with another client ID connects normally beside the first', async () => {
  const env = await startDevEnv(suite);
  const [one, two] = await twoTabs(env);
  await one.connectAndWait({ clientId: 'deck-tab-one' });
  await two.connectAndWait({ clientId: 'deck-tab-two' });
  expect(env.counts.connects).toBe(2);
  expect(env.broker.aedes.connectedClients).toBe(2);
  await one.expectStatus(CONNECTED);
  expect(await two.takeOverNotice().count()).toBe(0);
});
