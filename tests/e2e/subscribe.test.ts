// Subscriptions: the list shows what the broker granted or refused, and Unsubscribe removes a row.
import type { Subscription } from 'aedes';
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv, type DevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { startMosquitto } from '../fixtures/servers/mosquitto';
import { connectNodeClient } from '../fixtures/servers/node-client';

const suite = useBrowserSuite();

/** The broker refuses anything under forbidden/. */
function refuseForbidden(env: DevEnv): void {
  env.broker.aedes.authorizeSubscribe = (_client, sub: Subscription, done) => {
    if (sub.topic.startsWith('forbidden/')) return done(null, null);
    done(null, sub);
  };
}

describe('subscriptions', () => {
  // Aedes 1.2 puts the requested QoS in its SUBACK even when authorizeSubscribe lowers it, so a
  // broker that really grants less is Mosquitto with max_qos.
  test.each(['3.1.1', '5.0'] as const)(
    'MQTT %s: shows the QoS the broker granted, not the one requested (Mosquitto)',
    async (version) => {
      const mosquitto = await startMosquitto({ maxQos: 1 });
      suite.defer(() => mosquitto.stop());
      const env = await startDevEnv(suite);
      const { page } = await suite.newPage();
      const app = await DeckApp.open(page, env.appUrl);
      await app.connectAndWait({ url: mosquitto.url, version });

      const downgraded = await app.subscribe('deck/qos/#', 2);
      expect(await downgraded.textContent()).toContain('granted QoS 1');
      expect(await downgraded.textContent()).not.toContain('granted QoS 2');
      const exact = await app.subscribe('deck/zero/#', 0);
      expect(await exact.textContent()).toContain('granted QoS 0');

      // Messages flow at the granted QoS (max_qos also refuses QoS 2 publishes, so send at 1).
      const node = await connectNodeClient(suite, mosquitto.url);
      await node.client.publishAsync('deck/qos/a', 'downgraded', { qos: 1 });
      const message = await app.expectMessage('downgraded');
      expect(await message.textContent()).toContain('QoS 1');
    },
  );

  test('shows the broker refusing a subscription', async () => {
    const env = await startDevEnv(suite);
    refuseForbidden(env);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait();

    const refused = await app.subscribe('forbidden/#', 1);
    expect(await refused.textContent()).toContain('refused');
    expect(await refused.textContent()).not.toMatch(/granted QoS/);
    const allowed = await app.subscribe('deck/allowed', 1);
    expect(await allowed.textContent()).toContain('granted QoS 1');
  });

  test('Unsubscribe removes the row and stops the messages', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait();
    const unsubscribed: string[] = [];
    env.broker.aedes.on('unsubscribe', (topics) => unsubscribed.push(...topics));

    await app.subscribe('deck/keep/#', 0);
    const row = await app.subscribe('deck/drop/#', 1);
    await row.getByRole('button', { name: /^Unsubscribe/ }).click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => unsubscribed).toEqual(['deck/drop/#']);
    expect(await app.subscriptionRow('deck/keep/#').count()).toBe(1);

    const node = await connectNodeClient(suite, env.broker.url);
    await node.client.publishAsync('deck/drop/x', 'after-unsubscribe', { qos: 1 });
    await node.client.publishAsync('deck/keep/x', 'still-subscribed', { qos: 1 });
    await app.expectMessage('still-subscribed');
    expect(await app.messagesWith('after-unsubscribe').count()).toBe(0);
  });
});
