// Bad topics: invalid subscription filters and publish topics get an inline error, nothing is sent.
import { describe, expect, test } from 'vitest';
import { CONNECTED, DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';

const suite = useBrowserSuite();

async function connectedApp() {
  const env = await startDevEnv(suite);
  const { page } = await suite.newPage();
  const app = await DeckApp.open(page, env.appUrl);
  await app.connectAndWait();
  return { env, app };
}

describe('invalid topic filters', () => {
  test.each([
    ['a/#/b', 'a/#/b'],
    ['a/b#', 'a/b#'],
    ['+a', '+a'],
    ['empty', ''],
    ['65,536 bytes long', 'a'.repeat(65_536)],
    ['containing U+0000', 'a/\u0000/b'],
  ])('%s: inline error and no SUBSCRIBE sent', async (_name, filter) => {
    const { env, app } = await connectedApp();

    await app.field('Topic filter').fill(filter);
    expect(await app.field('Topic filter').inputValue()).toBe(filter);
    await app.button('Subscribe').click();
    await expect.poll(() => app.inlineError('Topic filter')).not.toBe('');
    expect(await app.field('Topic filter').getAttribute('aria-invalid')).toBe('true');

    // A valid filter afterwards goes through: the invalid one would have reached the broker first.
    await app.subscribe('deck/valid', 1);
    expect(env.counts.subscribes).toBe(1);
    expect(env.counts.clientErrors).toEqual([]);
    expect(await app.statusText()).toMatch(CONNECTED);
    if (filter !== '') expect(await app.subscriptionRow(filter).count()).toBe(0);
  });
});

describe('invalid publish topics', () => {
  test.each([
    ['with +', 'deck/+/cmd'],
    ['with #', 'deck/#'],
    ['empty', ''],
  ])('%s: inline error and nothing published', async (_name, topic) => {
    const { env, app } = await connectedApp();

    await app.publish(topic, 'should not leave');
    await expect.poll(() => app.inlineError('Publish topic')).not.toBe('');
    expect(await app.field('Publish topic').getAttribute('aria-invalid')).toBe('true');

    await app.publish('deck/valid', 'this one leaves', { qos: 1 });
    await expect.poll(() => app.publishResult()).toMatch(/Acknowledged/);
    expect([...env.counts.publishes.keys()]).toEqual(['deck/valid']);
  });
});
