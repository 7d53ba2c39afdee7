// Publishing from the app: the result the user sees, and the bytes that reach other clients.
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { connectNodeClient } from '../fixtures/servers/node-client';

const suite = useBrowserSuite();

async function connectedApp(devices?: number) {
  const env = await startDevEnv(suite, { devices, deviceIntervalMs: 1_000 });
  const { page } = await suite.newPage();
  const app = await DeckApp.open(page, env.appUrl);
  await app.connectAndWait();
  const node = await connectNodeClient(suite, env.broker.url);
  await node.client.subscribeAsync('deck/out/#', { qos: 2 });
  return { env, app, node };
}

describe('publish', () => {
  test('QoS 1 is acknowledged and the bytes reach another client unchanged', async () => {
    const { env, app, node } = await connectedApp();
    const payload = 'héllo ✓ {"n":1} 🚀';

    await app.publish('deck/out/q1', payload, { qos: 1 });
    await expect.poll(() => app.publishResult()).toMatch(/Acknowledged/);

    const got = await node.waitFor('deck/out/q1');
    expect(got.payload.equals(Buffer.from(payload, 'utf8'))).toBe(true);
    expect(got.packet.qos).toBe(1);
    expect(got.packet.retain).toBe(false);
    expect(env.counts.publishes.get('deck/out/q1')).toBe(1);
  });

  test('QoS 2 is acknowledged', async () => {
    const { app, node } = await connectedApp();
    await app.publish('deck/out/q2', 'exactly once', { qos: 2 });
    await expect.poll(() => app.publishResult()).toMatch(/Acknowledged/);
    const got = await node.waitFor('deck/out/q2');
    expect(got.payload.toString('utf8')).toBe('exactly once');
    expect(got.packet.qos).toBe(2);
  });

  test('QoS 0 is sent and arrives', async () => {
    const { app, node } = await connectedApp();
    await app.publish('deck/out/q0', 'fire and forget', { qos: 0 });
    const got = await node.waitFor('deck/out/q0');
    expect(got.payload.toString('utf8')).toBe('fire and forget');
    expect(got.packet.qos).toBe(0);
    expect(await app.publishResult()).not.toMatch(/Error|failed|not connected/i);
  });

  test('a retained message is kept by the broker for later subscribers', async () => {
    const { env, app } = await connectedApp();
    await app.publish('deck/out/sticky', 'kept', { qos: 1, retain: true });
    await expect.poll(() => app.publishResult()).toMatch(/Acknowledged/);

    const late = await connectNodeClient(suite, env.broker.url);
    await late.client.subscribeAsync('deck/out/sticky', { qos: 1 });
    const got = await late.waitFor('deck/out/sticky');
    expect(got.payload.toString('utf8')).toBe('kept');
    expect(got.packet.retain).toBe(true);

    // Subscribing in the app now delivers it as retained, and the list says so.
    await app.subscribe('deck/out/sticky', 1);
    const row = await app.expectMessage('deck/out/sticky');
    expect(await row.textContent()).toMatch(/retain/i);
  });

  test('a command to a device is answered on its ack topic, visible in the app', async () => {
    const { env, app } = await connectedApp(1);
    const deviceId = env.device?.deviceIds[0];
    expect(deviceId).toBe('sensor-1');
    await app.subscribe(`deck/devices/+/cmd/ack`, 1);

    await app.publish(`deck/devices/${deviceId}/cmd`, '{"action":"ping"}', { qos: 1 });
    await expect.poll(() => app.publishResult()).toMatch(/Acknowledged/);
    const ack = await app.expectMessage(`deck/devices/${deviceId}/cmd/ack`);
    expect(await ack.textContent()).toMatch(/"ok":\s*true/);
  });
});
