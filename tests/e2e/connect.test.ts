// Connecting to the dev broker: the pre-filled form, Connect, live telemetry, Disconnect, MQTT 5.
import { describe, expect, test } from 'vitest';
import { CONNECTED, DeckApp, DISCONNECTED } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';

const suite = useBrowserSuite();

describe('connect to the dev broker', () => {
  test('opens pre-filled with the dev broker, connects and streams the device telemetry', async () => {
    const env = await startDevEnv(suite, { devices: 2, deviceIntervalMs: 100 });
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);

    await expect.poll(() => app.field('Broker URL').inputValue()).toBe(env.broker.url);
    await app.connectAndWait();
    expect(env.counts.connects).toBe(1 + (env.device?.deviceIds.length ?? 0));

    const row = await app.subscribe('deck/devices/+/telemetry', 0);
    expect(await row.textContent()).toContain('granted QoS 0');

    const telemetry = await app.expectMessage('deck/devices/sensor-1/telemetry');
    // The preview is the device's JSON: its fields are there as text.
    expect(await telemetry.textContent()).toMatch(/"temperature":\s*-?\d/);
    await app.expectMessage('deck/devices/sensor-2/telemetry');
  });

  test('as after npm start, one click on Connect and the telemetry streams in', async () => {
    const env = await startDevEnv(suite, {
      devices: 2,
      deviceIntervalMs: 100,
      devSubscriptions: ['deck/devices/#'],
    });
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);

    await app.connectAndWait();
    await app.expectMessage('deck/devices/sensor-1/telemetry');
    expect(await app.subscriptionRow('deck/devices/#').textContent()).toContain('granted QoS 0');
    expect(env.counts.subscribes).toBe(1 + (env.device?.deviceIds.length ?? 0));
  });

  test('shows every connection field, and Disconnect ends the connection', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);

    for (const name of ['Broker URL', 'Client ID', 'Username', 'Password', 'Keepalive']) {
      expect(await app.field(name).isVisible(), `${name} is visible`).toBe(true);
      expect(await app.field(name).isEditable(), `${name} is editable`).toBe(true);
    }
    expect(await app.field('Client ID').inputValue()).not.toBe('');
    expect(Number(await app.field('Keepalive').inputValue())).toBeGreaterThan(0);
    expect(await app.field('Password').getAttribute('type')).toBe('password');
    expect(await app.field('Clean start').isVisible()).toBe(true);
    const versions = await app.field('MQTT version').locator('option').allTextContents();
    expect(versions.map((v) => v.trim())).toEqual(expect.arrayContaining(['3.1.1', '5.0']));
    await app.expectStatus(DISCONNECTED);

    const clientId = `deck-test-${Date.now()}`;
    const seen: string[] = [];
    env.broker.aedes.on('clientReady', (client) => seen.push(`${client.id} v${client.version}`));
    await app.connectAndWait({ clientId, version: '3.1.1' });
    expect(seen).toEqual([`${clientId} v4`]);

    const gone = new Promise<string>((resolve) =>
      env.broker.aedes.on('clientDisconnect', (client) => resolve(client.id)),
    );
    await app.button('Disconnect').click();
    await app.expectStatus(DISCONNECTED);
    expect(await gone).toBe(clientId);
  });

  // Aedes speaks MQTT 3.1.1 only; mosquitto.test.ts connects with 5.0 to a broker that speaks it.
  test('MQTT 5.0 against a 3.1.1-only broker says why it failed', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);

    await app.connect({ version: '5.0' });
    await app.expectStatus(/Error.*(MQTT version|protocol)/i);
    expect(await app.statusText()).not.toMatch(CONNECTED);
  });
});
