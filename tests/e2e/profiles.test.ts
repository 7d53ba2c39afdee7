// Saved connection profiles in the built app, IndexedDB real: create (with a will and MQTT 5
// connect properties), edit, duplicate, delete, reorder by keyboard — all after a reload; the
// export has no password; import of a good file and of a bad one (each error in words); connect
// from a profile to the dev broker; axe and layout at phone and wall sizes.
import { mkdir, readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { CONNECTED, DeckApp } from '../fixtures/browser/app';
import { BLOCKING_IMPACTS, axeFindings } from '../fixtures/browser/axe';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { startMosquitto } from '../fixtures/servers/mosquitto';
import { pageAt, type SizeName } from '../fixtures/browser/views';

const suite = useBrowserSuite();
const SECRET = 'pw-never-exported';
const BROKER = 'ws://127.0.0.1:1/mqtt';
const SHOTS_DIR = '.tmp/screenshots';

const field = (scope: Locator, name: string) => scope.getByLabel(name, { exact: true });
const button = (scope: Locator, name: string) => scope.getByRole('button', { name, exact: true });

/** Fills the New profile editor: a 5.0 profile with a will and connect properties. */
async function createFullProfile(app: DeckApp, name: string): Promise<void> {
  await button(app.page.locator('body'), 'New profile').click();
  const ed = app.profileEditor('New profile');
  await field(ed, 'Profile name').fill(name);
  await field(ed, 'Broker URL').fill(BROKER);
  await button(ed, 'Add fallback URL').click();
  await field(ed, 'Fallback URL 1').fill('ws://127.0.0.1:2/mqtt');
  await field(ed, 'Client ID').fill('plant-1');
  await field(ed, 'Username').fill('alice');
  await field(ed, 'Password').fill(SECRET);
  await ed.getByRole('checkbox', { name: 'Remember password' }).check();
  await field(ed, 'MQTT version').selectOption({ label: '5.0' });
  await ed.getByRole('checkbox', { name: 'Send a last will' }).check();
  await field(ed, 'Will topic').fill('plant/status');
  await field(ed, 'Will payload').fill('offline');
  await field(ed, 'Will QoS').selectOption('1');
  await field(ed, 'Will delay (s)').fill('5');
  await button(ed, 'Add will user property').click();
  await field(ed, 'Will user property 1 name').fill('site');
  await field(ed, 'Will user property 1 value').fill('north');
  await field(ed, 'Receive maximum').fill('20');
  await button(ed, 'Add connect user property').click();
  await field(ed, 'Connect user property 1 name').fill('role');
  await field(ed, 'Connect user property 1 value').fill('panel');
  await button(ed, 'Save').click();
  await app.profileCard(name).waitFor();
}

async function quickProfile(app: DeckApp, name: string, url = BROKER): Promise<void> {
  await button(app.page.locator('body'), 'New profile').click();
  const ed = app.profileEditor('New profile');
  await field(ed, 'Profile name').fill(name);
  await field(ed, 'Broker URL').fill(url);
  await button(ed, 'Save').click();
  await app.profileCard(name).waitFor();
}

async function exportedText(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  return readFile(await download.path(), 'utf8');
}

async function importFile(app: DeckApp, name: string, text: string): Promise<void> {
  await app.page
    .getByLabel('Import profiles', { exact: true })
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('saved profiles', () => {
  test('create, edit, duplicate, reorder and delete survive a reload; export has no password', async () => {
    const env = await startDevEnv(suite);
    const { page, pageErrors } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.showProfiles();
    await createFullProfile(app, 'Plant');

    await button(app.profileCard('Plant'), 'Edit').click();
    const edit = app.profileEditor('Edit Plant');
    await field(edit, 'Profile name').fill('Plant A');
    await field(edit, 'Keepalive (s)').fill('30');
    await button(edit, 'Save').click();
    await button(app.profileCard('Plant A'), 'Duplicate').click();
    const dup = app.profileEditor('Duplicate profile');
    expect(await field(dup, 'Profile name').inputValue()).toBe('Plant A (copy)');
    await field(dup, 'Profile name').fill('Lab');
    await button(dup, 'Save').click();
    await app.profileCard('Lab').waitFor();
    await quickProfile(app, 'Spare');
    expect(await app.profileNames()).toEqual(['Plant A', 'Lab', 'Spare']);

    // Keyboard: Enter on Move up twice; the focus follows the moved card.
    await button(app.profileCard('Spare'), 'Move up').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => app.profileNames()).toEqual(['Plant A', 'Spare', 'Lab']);
    await expect
      .poll(() =>
        page.evaluate(
          () => document.activeElement?.closest('li')?.querySelector('h3')?.textContent,
        ),
      )
      .toBe('Spare');

    await button(app.profileCard('Lab'), 'Delete').click();
    await expect
      .poll(() => app.profileCard('Lab').textContent())
      .toMatch(/Delete the profile "Lab"/);
    await button(app.profileCard('Lab'), 'Delete profile').click();
    await expect.poll(() => app.profileNames()).toEqual(['Plant A', 'Spare']);

    await page.reload();
    await app.showProfiles();
    await expect.poll(() => app.profileNames()).toEqual(['Plant A', 'Spare']);
    await button(app.profileCard('Plant A'), 'Edit').click();
    const again = app.profileEditor('Edit Plant A');
    expect(await field(again, 'Keepalive (s)').inputValue()).toBe('30');
    expect(await field(again, 'Password').inputValue()).toBe(SECRET);
    expect(await field(again, 'Fallback URL 1').inputValue()).toBe('ws://127.0.0.1:2/mqtt');
    expect(await field(again, 'Will topic').inputValue()).toBe('plant/status');
    expect(await field(again, 'Will delay (s)').inputValue()).toBe('5');
    expect(await field(again, 'Will user property 1 value').inputValue()).toBe('north');
    expect(await field(again, 'Receive maximum').inputValue()).toBe('20');
    expect(await field(again, 'Connect user property 1 name').inputValue()).toBe('role');
    await button(again, 'Cancel').click();

    const text = await exportedText(page);
    expect(text).not.toContain(SECRET);
    const file = JSON.parse(text) as { format: string; profiles: { name: string }[] };
    expect(file.format).toBe('mqtt-deck-profiles');
    expect(file.profiles.map((p) => p.name)).toEqual(['Plant A', 'Spare']);
    expect(pageErrors).toEqual([]);
  });

  test('a good file imports; a bad one lists each error in words', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.showProfiles();
    const entry = (key: string, name: string, url = BROKER, keepaliveS: unknown = 60) => ({
      key,
      name,
      profile: {
        id: '',
        url,
        clientId: 'c',
        username: '',
        password: '',
        keepaliveS,
        cleanStart: true,
        protocolVersion: 4,
      },
    });
    const fileOf = (profiles: unknown[]) =>
      JSON.stringify({ format: 'mqtt-deck-profiles', version: 1, profiles });
    await importFile(
      app,
      'good.json',
      fileOf([entry('a', 'Imported one'), entry('b', 'Imported two')]),
    );
    await expect.poll(() => app.profileNames()).toEqual(['Imported one', 'Imported two']);

    await importFile(
      app,
      'bad.json',
      fileOf([
        entry('a', 'Same key'),
        entry('x', 'HTTP', 'http://h/'),
        entry('y', 'Slow', BROKER, 'soon'),
      ]),
    );
    const alert = page.getByRole('alert').filter({ hasText: 'could not be imported' });
    await expect
      .poll(() => alert.textContent())
      .toMatch(/Profile 2 \("HTTP"\): .*ws:\/\/ or wss:\/\//);
    expect(await alert.textContent()).toMatch(
      /Profile 3 \("Slow"\): Keepalive must be a whole number/,
    );
    // The good entry of the bad file came in under a fresh key, never over "Imported one".
    await expect
      .poll(() => app.profileNames())
      .toEqual(['Imported one', 'Imported two', 'Same key']);

    await importFile(app, 'notes.json', 'hello');
    await expect.poll(() => alert.textContent()).toMatch(/not JSON/);
  });

  test('Save as profile from the form, then Connect from the profile reaches the broker', async () => {
    const env = await startDevEnv(suite);
    const { page, pageErrors } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    const url = await app.field('Broker URL').inputValue();
    await app.field('Client ID').fill('from-profile');
    await app.button('Save as profile').click();
    const note = page.getByText(/Saved as profile/);
    await expect.poll(() => note.textContent()).toMatch(/Saved as profile ".+ \(from-profile\)"/);
    const name = /"(.+)"/.exec((await note.textContent()) ?? '')?.[1] ?? '';

    await page.reload();
    await app.field('Broker URL').fill('ws://elsewhere.invalid/');
    await app.field('Saved profile').selectOption({ label: name });
    expect(await app.field('Broker URL').inputValue()).toBe(url);
    await app.field('Broker URL').fill('ws://elsewhere.invalid/');

    await app.showProfiles();
    await button(app.profileCard(name), 'Connect').click();
    await app.expectStatus(CONNECTED);
    expect(await app.field('Broker URL').inputValue()).toBe(url);
    expect(await app.field('Client ID').inputValue()).toBe('from-profile');
    expect(env.counts.connects).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  test('MQTT 5 on Mosquitto: the client ID the broker assigned and its limits show', async () => {
    const env = await startDevEnv(suite);
    const mosquitto = await startMosquitto();
    suite.defer(() => mosquitto.stop());
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    // An empty client ID with clean start: the broker assigns one (MQTT 5 §3.2.2.3.7).
    await app.connectAndWait({ url: mosquitto.url, clientId: '', version: '5.0' });
    const assigned = page.getByText(/Client ID assigned by the broker/);
    await expect.poll(() => assigned.textContent()).toMatch(/assigned by the broker: \S+/);
    const limits = page.getByRole('group').filter({ hasText: 'Broker limits' });
    await page.getByText('Broker limits', { exact: true }).click();
    await expect.poll(() => limits.textContent()).toMatch(/Topic alias maximum\d/);
  });

  const sizes: [SizeName, 'light' | 'dark'][] = [
    ['phone', 'light'],
    ['wall', 'dark'],
  ];
  test.each(sizes)(
    '%s, %s: the view and the editor pass axe and fit the screen',
    async (size, scheme) => {
      const env = await startDevEnv(suite);
      const page = await pageAt(suite, size, scheme);
      const app = await DeckApp.open(page, env.appUrl);
      await app.showProfiles();
      await quickProfile(app, 'A profile with a rather long name for a phone screen');
      await mkdir(SHOTS_DIR, { recursive: true });
      await page.screenshot({ path: `${SHOTS_DIR}/profiles-list-${size}.png` });
      // The picker on the connection form, the profile chosen.
      await page.goto(`${env.appUrl}#/connection`);
      await app.field('Saved profile').selectOption({ index: 1 });
      await page.screenshot({ path: `${SHOTS_DIR}/profiles-picker-${size}.png` });
      await app.showProfiles();
      const check = async () => {
        const { violations } = await axeFindings(page);
        expect(violations.filter((v) => BLOCKING_IMPACTS.includes(v.impact ?? ''))).toEqual([]);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - innerWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
      };
      await check();
      await button(page.locator('body'), 'New profile').click();
      const ed = app.profileEditor('New profile');
      await field(ed, 'MQTT version').selectOption({ label: '5.0' });
      await ed.getByRole('checkbox', { name: 'Send a last will' }).check();
      await button(ed, 'Add will user property').click();
      await field(ed, 'Keepalive (s)').fill('soon');
      await button(ed, 'Save').click();
      await expect
        .poll(() => ed.getByRole('alert').first().textContent())
        .toMatch(/Keepalive \(s\) must be a whole number/);
      await check();
      await page.screenshot({ path: `${SHOTS_DIR}/profiles-editor-${size}.png`, fullPage: true });
    },
  );
});
