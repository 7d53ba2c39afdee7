// The app's six views and the three screen sizes the layout is designed for, as tests reach them.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { BrowserSuite } from './harness';

export const VIEW_NAMES = [
  'Connection',
  'Subscriptions',
  'Messages',
  'Publish',
  'Dashboards',
  'History',
] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export const SIZES = {
  phone: { width: 390, height: 844 },
  narrowPhone: { width: 360, height: 740 },
  tablet: { width: 820, height: 1180 },
  wall: { width: 1920, height: 1080 },
} as const;
export type SizeName = keyof typeof SIZES;

export function navLink(page: Page, name: ViewName) {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name, exact: true });
}

/** Switches view with the nav link and waits until the URL and the link agree. */
export async function showView(page: Page, name: ViewName): Promise<void> {
  await navLink(page, name).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/${name.toLowerCase()}`);
  await expect.poll(() => navLink(page, name).getAttribute('aria-current')).toBe('page');
}

/** A page of its own context at `size`, in the given colour scheme, closed after the test. */
export async function pageAt(
  suite: BrowserSuite,
  size: SizeName,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<Page> {
  const browser: Browser = await suite.browser();
  const context = await browser.newContext({ viewport: SIZES[size], colorScheme });
  suite.defer(() => context.close());
  return suite.watch(await context.newPage()).page;
}

/** The element's box, failing the test when it is not rendered. */
export async function box(locator: ReturnType<Page['locator']>) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} is not rendered`);
  return found;
}
