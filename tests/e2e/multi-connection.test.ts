// Two brokers side by side (the dev Aedes and a Mosquitto): the connections bar, a colour per
// connection on messages, the Connection filter, subscribe and publish on the selected one,
// Disconnect of one leaving the other, the form's Connect still replacing, phone and wall layouts.
import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { BLOCKING_IMPACTS, axeFindings } from '../fixtures/browser/axe';
import { CONNECTED, DISCONNECTED, DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { startMosquitto } from '../fixtures/servers/mosquitto';
import { connectNodeClient } from '../fixtures/servers/node-client';
import { REPO_ROOT } from '../fixtures/browser/paths';
import { SIZES, box, pageAt, showView } from '../fixtures/browser/views';

const suite = useBrowserSuite();
/** Where the layout checks leave their screenshots, to be looked at. */
const SHOTS_DIR = `${REPO_ROOT}.tmp/multi-connection-shots`;
/** Long enough for a message that should not arrive to have arrived. */
const QUIET_MS = 700;

async function twoBrokers() {
  const env = await startDevEnv(suite);
  const mosquitto = await startMosquitto({ logTypes: ['error', 'warning'] });
  suite.defer(() => mosquitto.stop());
  const stamp = Date.now().toString(36);
  return { env, mosquitto, aedesId: `deck-aedes-${stamp}`, mosqId: `deck-mosq-${stamp}` };
}

async function openBoth(page: Page, brokers: Awaited<ReturnType<typeof twoBrokers>>) {
  const app = await DeckApp.open(page, brokers.env.appUrl);
  await app.connectAndWait({ url: brokers.env.broker.url, clientId: brokers.aedesId });
  await app.connectAlongside({ url: brokers.mosquitto.url, clientId: brokers.mosqId });
  return app;
}

const colourOf = (locator: Locator) =>
  locator.evaluate((el) => getComputedStyle(el).backgroundColor);

/** The connection marks (name, colour) of the list rows on `topic`. */
async function rowMarks(app: DeckApp, topic: string) {
  const marks = app.messagesWith(topic).getByRole('img');
  return Promise.all(
    (await marks.all()).map(async (m) => ({
      name: (await m.getAttribute('aria-label')) ?? '',
      colour: await colourOf(m),
    })),
  );
}

describe('several connections at once', () => {
  test('two brokers side by side: bar, colours, filter, subscribe, publish, disconnect one', async () => {
    const brokers = await twoBrokers();
    const { env, mosquitto, aedesId, mosqId } = brokers;
    const { page } = await suite.newPage();
    const app = await openBoth(page, brokers);

    // Both in the bar, connected, each with a colour of its own.
    const items = app.connectionsBar().getByRole('listitem');
    await expect.poll(() => items.count()).toBe(2);
    for (const id of [aedesId, mosqId]) {
      await expect.poll(() => app.connectionItem(id).textContent()).toMatch(CONNECTED);
      expect(await app.connectionItem(id).getByRole('button').first().textContent()).toMatch(
        / Connected$/,
      );
    }
    const aedesColour = await colourOf(app.connectionItem(aedesId).locator('.conn-swatch'));
    const mosqColour = await colourOf(app.connectionItem(mosqId).locator('.conn-swatch'));
    expect(aedesColour).not.toBe(mosqColour);

    // The Mosquitto one is selected (connected last): subscribe there; Aedes has its own list.
    await app.subscribe('multi/#', 1);
    await app.chooseConnection(aedesId);
    expect(await app.field('Broker URL').inputValue()).toBe(env.broker.url);
    await expect.poll(() => app.subscriptionRow('multi/#').count()).toBe(0);
    await app.subscribe('multi/#', 1);

    const onAedes = await connectNodeClient(suite, env.broker.url);
    const onMosq = await connectNodeClient(suite, `mqtt://127.0.0.1:${mosquitto.tcpPort}`);
    await onAedes.client.publishAsync('multi/aedes', 'from-aedes', { qos: 1 });
    await onMosq.client.publishAsync('multi/mosq', 'from-mosquitto', { qos: 1 });
    await app.expectMessage('multi/aedes');
    await app.expectMessage('multi/mosq');
    const [aedesMark] = await rowMarks(app, 'multi/aedes');
    const [mosqMark] = await rowMarks(app, 'multi/mosq');
    expect(aedesMark).toMatchObject({ colour: aedesColour });
    expect(aedesMark?.name).toContain(aedesId);
    expect(mosqMark).toMatchObject({ colour: mosqColour });
    expect(mosqMark?.name).toContain(mosqId);

    await mkdir(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: `${SHOTS_DIR}/both-messages.png` });

    // axe on the page with both open and the filter shown.
    const blocking = (await axeFindings(page)).violations.filter((f) =>
      BLOCKING_IMPACTS.includes(f.impact ?? ''),
    );
    expect(blocking).toEqual([]);

    // The Connection filter: only Mosquitto's, also for what arrives meanwhile.
    const filter = app.messagesRegion().getByLabel('Connection', { exact: true });
    const mosqOption = await filter.locator('option', { hasText: mosqId }).getAttribute('value');
    await filter.selectOption(mosqOption ?? '');
    await expect.poll(() => app.messagesWith('multi/aedes').count()).toBe(0);
    await app.expectMessage('multi/mosq');
    await onAedes.client.publishAsync('multi/aedes-2', 'later', { qos: 1 });
    await onMosq.client.publishAsync('multi/mosq-2', 'later', { qos: 1 });
    await app.expectMessage('multi/mosq-2');
    expect(await app.messagesWith('multi/aedes-2').count()).toBe(0);
    await filter.selectOption({ label: 'All connections' });
    await app.expectMessage('multi/aedes-2');

    // Publish on the selected one (Aedes) reaches only its broker.
    await onAedes.client.subscribeAsync('out/#', { qos: 1 });
    await onMosq.client.subscribeAsync('out/#', { qos: 1 });
    await app.publish('out/selected', 'to-aedes', { qos: 1 });
    await onAedes.waitFor('out/selected');
    await new Promise((r) => setTimeout(r, QUIET_MS));
    expect(onMosq.received.filter((m) => m.topic === 'out/selected')).toEqual([]);

    // Disconnect Aedes's (the selected one) with its ×: Mosquitto's stays connected and keeps
    // receiving; the badge tells of the selected one.
    expect(env.broker.aedes.connectedClients).toBe(2); // the app and the Node client
    const aedesName = (await app.connectionItem(aedesId).locator('.conn-name').textContent()) ?? '';
    await app.button(`Disconnect ${aedesName}`).click();
    await expect.poll(() => items.count()).toBe(1);
    await expect.poll(() => env.broker.aedes.connectedClients).toBe(1);
    await app.expectStatus(DISCONNECTED);
    expect(await app.connectionItem(mosqId).textContent()).toMatch(CONNECTED);
    await onMosq.client.publishAsync('multi/after', 'still here', { qos: 1 });
    await app.expectMessage('multi/after');
    await app.chooseConnection(mosqId);
    await app.expectStatus(CONNECTED);
  });

  test('a reload shows what the worker holds again', async () => {
    const brokers = await twoBrokers();
    const { page } = await suite.newPage();
    const app = await openBoth(page, brokers);
    await expect.poll(() => app.connectionsBar().getByRole('listitem').count()).toBe(2);

    await page.reload();
    const again = await DeckApp.open(page, brokers.env.appUrl);
    // The worker restarts with the page and holds no connection until one is made.
    await again.expectStatus(DISCONNECTED);
    await new Promise((r) => setTimeout(r, QUIET_MS));
    expect(await again.connectionsBar().count()).toBe(0);
  });

  test("the form's Connect with another client ID replaces the selected connection", async () => {
    const { env, aedesId } = await twoBrokers();
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait({ url: env.broker.url, clientId: aedesId });
    await app.connectAndWait({ url: env.broker.url, clientId: `${aedesId}-2` });
    await expect.poll(() => app.connectionsBar().getByRole('listitem').count()).toBe(1);
    await expect.poll(() => env.broker.aedes.connectedClients).toBe(1);
    expect(await app.connectionItem(`${aedesId}-2`).textContent()).toMatch(CONNECTED);
    await app.button('Disconnect').click();
    await app.expectStatus(DISCONNECTED);
    await expect.poll(() => app.connectionsBar().count()).toBe(0);
    await expect.poll(() => env.broker.aedes.connectedClients).toBe(0);
  });

  test('Connect on a saved profile opens it beside the open connection', async () => {
    const { env, mosquitto, aedesId, mosqId } = await twoBrokers();
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    // Saved from the form: the Mosquitto one.
    await app.field('Broker URL').fill(mosquitto.url);
    await app.field('Client ID').fill(mosqId);
    await app.button('Save as profile').click();
    const note = page.getByText(/Saved as profile/);
    await expect.poll(() => note.textContent()).toMatch(/Saved as profile ".+"/);
    const name = /"(.+)"/.exec((await note.textContent()) ?? '')?.[1] ?? '';

    await app.connectAndWait({ url: env.broker.url, clientId: aedesId });
    await app.showProfiles();
    await app.profileCard(name).getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => app.connectionsBar().getByRole('listitem').count()).toBe(2);
    for (const id of [aedesId, mosqId]) {
      await expect.poll(() => app.connectionItem(id).textContent()).toMatch(CONNECTED);
    }
    expect(env.broker.aedes.connectedClients).toBe(1);
  });

  test('phone and wall: the bar fits, the page never scrolls sideways', async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    const brokers = await twoBrokers();
    for (const size of ['phone', 'wall'] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        const page = await pageAt(suite, size, scheme);
        const stamp = `${size}-${scheme}`;
        const app = await openBoth(page, {
          ...brokers,
          aedesId: `${brokers.aedesId}-${stamp}`,
          mosqId: `${brokers.mosqId}-${stamp}`,
        });
        const bar = await box(app.connectionsBar());
        expect(bar.x).toBeGreaterThanOrEqual(0);
        expect(bar.x + bar.width).toBeLessThanOrEqual(SIZES[size].width);
        const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(pageWidth).toBeLessThanOrEqual(SIZES[size].width);
        await page.screenshot({ path: `${SHOTS_DIR}/${stamp}.png` });
        if (size === 'phone') {
          // Seen from the Messages view too, and reachable by keyboard.
          await showView(page, 'Messages');
          expect(await app.connectionsBar().isVisible()).toBe(true);
          await app
            .connectionItem(brokers.aedesId + '-' + stamp)
            .getByRole('button')
            .first()
            .focus();
          await page.keyboard.press('Enter');
          await expect
            .poll(() => app.field('Broker URL').inputValue())
            .toBe(brokers.env.broker.url);
          await page.screenshot({ path: `${SHOTS_DIR}/${stamp}-messages.png` });
        }
      }
    }
  });
});
