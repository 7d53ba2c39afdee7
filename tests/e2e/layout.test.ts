// Phone, tablet and wall layouts checked by structure (what is visible, where), the hash
// navigation with Back and the keyboard, and the theme switch.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { SIZES, VIEW_NAMES, box, navLink, pageAt, showView } from '../fixtures/browser/views';

const suite = useBrowserSuite();
const MIN_TOUCH_PX = 44;

describe('layouts', () => {
  test('phone: a bottom tab bar of six links, one view at a time, Back and Enter work', async () => {
    const env = await startDevEnv(suite);
    const page = await pageAt(suite, 'phone');
    const app = await DeckApp.open(page, env.appUrl);

    const nav = page.getByRole('navigation', { name: 'Views' });
    const names = await nav
      .getByRole('link')
      .evaluateAll((links) =>
        links.map((a) => a.getAttribute('aria-label') ?? a.textContent?.trim()),
      );
    expect(names).toEqual([...VIEW_NAMES]);
    const navBox = await box(nav);
    expect(navBox.y + navBox.height).toBeGreaterThan(SIZES.phone.height - 2);
    for (const name of VIEW_NAMES) {
      const link = await box(navLink(page, name));
      expect(link.height, `${name} height`).toBeGreaterThanOrEqual(MIN_TOUCH_PX);
      expect(link.width, `${name} width`).toBeGreaterThanOrEqual(MIN_TOUCH_PX);
    }

    expect(await app.field('Broker URL').isVisible()).toBe(true);
    expect(await app.messagesRegion().isVisible()).toBe(false);
    await showView(page, 'Subscriptions');
    expect(await app.field('Topic filter').isVisible()).toBe(true);
    expect(await app.field('Broker URL').isVisible()).toBe(false);
    await showView(page, 'Messages');
    expect(await app.messagesRegion().isVisible()).toBe(true);
    expect(await app.field('Topic filter').isVisible()).toBe(false);

    await page.goBack();
    await expect.poll(() => app.field('Topic filter').isVisible()).toBe(true);
    expect(await app.messagesRegion().isVisible()).toBe(false);

    await navLink(page, 'Publish').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => app.field('Publish topic').isVisible()).toBe(true);
    expect(page.url()).toMatch(/#\/publish$/);
  });

  test('a view is linkable, and nothing scrolls sideways at 360 px wide', async () => {
    const env = await startDevEnv(suite);
    const page = await pageAt(suite, 'narrowPhone');
    await page.goto(`${env.appUrl}#/history`);
    await page.getByRole('heading', { name: 'History', exact: true }).waitFor();
    expect(await navLink(page, 'History').getAttribute('aria-current')).toBe('page');
    // The dashboard grid in edit mode (tiles with their tools) must fit too.
    await showView(page, 'Dashboards');
    await page.getByRole('button', { name: 'Add demo dashboard' }).click();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    for (const name of VIEW_NAMES) {
      await showView(page, name);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${name} scroll width`).toBeLessThanOrEqual(SIZES.narrowPhone.width);
    }
  });

  test('tablet: two panes side by side', async () => {
    const env = await startDevEnv(suite);
    const page = await pageAt(suite, 'tablet');
    const app = await DeckApp.open(page, env.appUrl);

    const form = await box(page.getByRole('region', { name: 'Connection', exact: true }));
    const list = await box(app.messagesRegion());
    expect(list.x).toBeGreaterThanOrEqual(form.x + form.width);
    expect(await app.field('Topic filter').isVisible()).toBe(false);

    await showView(page, 'Messages');
    const messages = await box(app.messagesRegion());
    const detail = await box(app.detail());
    expect(detail.x).toBeGreaterThanOrEqual(messages.x + messages.width);
    expect(await app.field('Broker URL').isVisible()).toBe(false);
  });

  test('wall: forms, list and detail in three columns, with the nav in view', async () => {
    const env = await startDevEnv(suite);
    const page = await pageAt(suite, 'wall');
    const app = await DeckApp.open(page, env.appUrl);

    for (const name of VIEW_NAMES) expect(await navLink(page, name).isVisible()).toBe(true);
    const forms = await Promise.all(
      ['Connection', 'Subscriptions', 'Publish'].map((name) =>
        box(page.getByRole('region', { name, exact: true })),
      ),
    );
    const list = await box(app.messagesRegion());
    const detail = await box(app.detail());
    for (const form of forms) expect(list.x).toBeGreaterThanOrEqual(form.x + form.width);
    expect(detail.x).toBeGreaterThanOrEqual(list.x + list.width);
    expect(list.y + list.height).toBeLessThanOrEqual(SIZES.wall.height);
  });
});

describe('themes', () => {
  const background = (page: Page) =>
    page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  test('follows the system, and the switch pins a theme across reloads', async () => {
    const env = await startDevEnv(suite);
    const page = await pageAt(suite, 'wall', 'dark');
    const app = await DeckApp.open(page, env.appUrl);
    const darkBg = await background(page);

    await page.emulateMedia({ colorScheme: 'light' });
    const lightBg = await background(page);
    expect(lightBg).not.toBe(darkBg);

    await app.field('Theme').selectOption({ label: 'Dark' });
    expect(await background(page)).toBe(darkBg);
    await page.reload();
    await app.field('Broker URL').waitFor();
    expect(await background(page)).toBe(darkBg);
    expect(await app.field('Theme').inputValue()).toBe('dark');

    await app.field('Theme').selectOption({ label: 'System' });
    expect(await background(page)).toBe(lightBg);
    await app.field('Theme').selectOption({ label: 'Light' });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background(page)).toBe(lightBg);
  });
});
