// Bad connection input: wrong URL schemes, an unreachable broker, wrong credentials.
import { describe, expect, test } from 'vitest';
import { CONNECTED, DeckApp, DISCONNECTED } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { freePort } from '../fixtures/servers/ports';

const suite = useBrowserSuite();
// Long enough for a reconnect storm to show, short enough to keep the suite quick.
const STORM_WINDOW_MS = 3_000;

function attemptOf(status: string): number {
  return Number(/attempt\s*(\d+)/i.exec(status)?.[1] ?? 0);
}

describe('a broker URL that is not ws:// or wss://', () => {
  test.each([
    ['mqtt://host', () => 'mqtt://host'],
    ['http://host', () => 'http://host'],
    ['foo', () => 'foo'],
    ['mqtt:// to the running broker', (port: number) => `mqtt://127.0.0.1:${port}/mqtt`],
    ['http:// to the running broker', (port: number) => `http://127.0.0.1:${port}/mqtt`],
  ])('%s: inline error and no connection attempt', async (_name, makeUrl) => {
    const env = await startDevEnv(suite);
    const watch = await suite.newPage();
    const app = await DeckApp.open(watch.page, env.appUrl);

    await app.connect({ url: makeUrl(env.broker.port) });
    await expect.poll(() => app.inlineError('Broker URL')).toMatch(/ws:\/\/|wss:\/\//);
    expect(await app.field('Broker URL').getAttribute('aria-invalid')).toBe('true');
    expect(await app.statusText()).toMatch(DISCONNECTED);

    // A good URL afterwards connects: had the bad one opened a socket, it would show up first.
    await app.connectAndWait({ url: env.broker.url });
    expect(watch.websockets).toEqual([env.broker.url]);
    expect(env.counts.connects).toBe(1);
  });
});

describe('an unreachable broker', () => {
  test('the status says so and retries with a rising attempt count; the UI stays usable', async () => {
    const env = await startDevEnv(suite);
    const watch = await suite.newPage();
    const app = await DeckApp.open(watch.page, env.appUrl);
    const closedPort = await freePort();
    const url = `ws://127.0.0.1:${closedPort}/mqtt`;

    await app.connect({ url });
    await app.expectStatus(/Reconnecting/);
    await expect.poll(async () => attemptOf(await app.statusText())).toBeGreaterThanOrEqual(1);
    const first = attemptOf(await app.statusText());
    await expect
      .poll(async () => attemptOf(await app.statusText()), { timeout: 10_000 })
      .toBeGreaterThan(first);
    expect(await watch.page.locator('body').textContent()).toMatch(/Cannot reach|unreachable/i);
    // Backoff, not a storm: a handful of attempts at most in the first seconds.
    expect(watch.websockets.length).toBeLessThanOrEqual(5);
    expect(watch.websockets.every((ws) => ws === url)).toBe(true);

    // The rest of the app keeps working while it retries.
    await app.field('Publish topic').fill('deck/while/offline');
    await app.field('Payload').fill('typed while reconnecting');
    expect(await app.field('Payload').inputValue()).toBe('typed while reconnecting');
    await app.field('Topic filter').fill('deck/#');
    expect(await app.field('Topic filter').inputValue()).toBe('deck/#');
    expect(await app.storedCount()).toBe(0);

    await app.button('Disconnect').click();
    await app.expectStatus(DISCONNECTED);
    const attempts = watch.websockets.length;
    await app.connectAndWait({ url: env.broker.url });
    expect(watch.websockets.slice(attempts)).toEqual([env.broker.url]);
  });
});

describe('wrong credentials', () => {
  test('"not authorized" is shown and the app does not retry in a storm', async () => {
    const env = await startDevEnv(suite, { users: { alice: 'secret' } });
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);

    await app.connect({ username: 'alice', password: 'wrong' });
    await expect
      .poll(() => page.locator('body').textContent(), { timeout: 10_000 })
      .toMatch(/not authorized/i);
    expect(await app.statusText()).not.toMatch(CONNECTED);
    await new Promise((resolve) => setTimeout(resolve, STORM_WINDOW_MS));
    expect(env.counts.connects).toBe(1);
    expect(await app.statusText()).toMatch(/not authorized/i);

    // The same form with the right password gets in.
    if (await app.button('Disconnect').isEnabled()) await app.button('Disconnect').click();
    await app.connectAndWait({ username: 'alice', password: 'secret' });
    expect(env.counts.connects).toBe(2);
  });
});
