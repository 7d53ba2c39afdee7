// The subscribe form's MQTT 5 options against Mosquitto 5.0: they take effect (no local, retain
// handling), the list says them in words, a bad identifier is refused in words; the option
// sections pass axe and are photographed at phone and wall sizes, light and dark.
import { mkdir } from 'node:fs/promises';
import type { ISubscribePacket } from 'mqtt-packet';
import { describe, expect, test } from 'vitest';
import { axeFindings, BLOCKING_IMPACTS } from '../fixtures/browser/axe';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { describedError, startMqtt5Ui } from '../fixtures/browser/mqtt5-ui-env';
import { pageAt, showView } from '../fixtures/browser/views';

const suite = useBrowserSuite();
const POLL_MS = 10_000;
const SHOTS_DIR = process.env.MQTT_DECK_SHOTS_DIR ?? '.tmp/shots-mqtt5-ui';

describe('MQTT 5 subscribe options', () => {
  test('no local: the app does not receive its own publish', async () => {
    const { app, node, sniffer } = await startMqtt5Ui(suite);
    await app.openMqtt5('subscribe');
    await app.fillSubscribe5({ noLocal: true });
    const sub = await app.subscribe('deck/so/#', 1);
    expect(await sub.textContent()).toMatch(/granted QoS 1/);
    expect(await sub.textContent()).toContain('no local');
    const subscribes = sniffer.sent.filter((p): p is ISubscribePacket => p.cmd === 'subscribe');
    expect(subscribes.at(-1)?.subscriptions).toMatchObject([{ topic: 'deck/so/#', nl: true }]);

    await app.publish('deck/so/own', 'mine', { qos: 1 });
    await expect.poll(() => app.publishResult(), { timeout: POLL_MS }).toMatch(/Acknowledged/);
    // Published after the app's own was acknowledged: once it is shown, the own one would be too.
    await node.client.publishAsync('deck/so/other', 'theirs', { qos: 1 });
    await app.expectMessage('deck/so/other');
    expect(await app.messagesWith('deck/so/own').filter({ hasNotText: 'Published' }).count()).toBe(
      0,
    );
  });

  test('retain handling: "Do not send retained messages" holds back what the broker keeps', async () => {
    const { app, node, sniffer } = await startMqtt5Ui(suite);
    await node.client.publishAsync('deck/so/r/kept', 'kept', { qos: 1, retain: true });
    await app.openMqtt5('subscribe');
    await app.fillSubscribe5({ retained: 'Do not send retained messages', identifier: '5' });
    const sub = await app.subscribe('deck/so/r/#', 1);
    expect(await sub.textContent()).toMatch(/no retained · identifier 5/);
    const subscribes = sniffer.sent.filter((p): p is ISubscribePacket => p.cmd === 'subscribe');
    expect(subscribes.at(-1)?.subscriptions).toMatchObject([{ rh: 2 }]);
    expect(subscribes.at(-1)?.properties?.subscriptionIdentifier).toBe(5);
    await node.client.publishAsync('deck/so/r/live', 'live', { qos: 1 });
    await app.expectMessage('deck/so/r/live');
    expect(await app.messagesWith('deck/so/r/kept').count()).toBe(0);

    // The same filter with the default option gets the retained message at once.
    await app.subscriptionRow('deck/so/r/#').getByRole('button').click();
    await app.fillSubscribe5({ retained: 'Send retained messages', identifier: '' });
    await app.subscribe('deck/so/r/#', 1);
    await app.expectMessage('deck/so/r/kept');
  });

  test('a bad subscription identifier is refused in words, nothing is sent', async () => {
    const { app, sniffer } = await startMqtt5Ui(suite);
    await app.openMqtt5('subscribe');
    await app.fillSubscribe5({ identifier: '0', retainAsPublished: true });
    await app.requestSubscribe('deck/so/bad', 0);
    expect(await describedError(app.field('Subscription identifier'))).toMatch(
      /whole number from 1 to 268,435,455/,
    );
    expect(sniffer.sent.some((p) => p.cmd === 'subscribe')).toBe(false);
    await app.fillSubscribe5({ identifier: '268435455', retained: 'Only for a new subscription' });
    const sub = await app.subscribe('deck/so/bad', 0);
    expect(await sub.textContent()).toContain(
      'retain as published · retained only when new · identifier 268435455',
    );

    // The options are MQTT 5's: with 3.1.1 chosen the section says so instead.
    await app.field('MQTT version').selectOption({ label: '3.1.1' });
    const section = await app.openMqtt5('subscribe');
    await expect.poll(() => section.textContent()).toMatch(/These options need MQTT 5/);
    expect(await app.page.getByLabel('No local').count()).toBe(0);
  });

  test('the MQTT 5 sections pass axe, and look right on a phone and a wall', async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    for (const [size, scheme] of [
      ['wall', 'light'],
      ['phone', 'dark'],
      ['wall', 'dark'],
      ['phone', 'light'],
    ] as const) {
      const page = await pageAt(suite, size, scheme);
      const { app } = await startMqtt5Ui(suite, page);
      if (size === 'phone') await showView(page, 'Publish');
      await app.openMqtt5('publish');
      await app.fillPublish5({ topicAlias: '0', userProperties: [['', 'v']], contentType: 'a/b' });
      await app.publish('deck/so/shot', 'x');
      await expect.poll(() => app.publishResult()).toMatch(/Not sent/);
      const { violations } = await axeFindings(page);
      expect(violations.filter((v) => BLOCKING_IMPACTS.includes(v.impact ?? ''))).toEqual([]);
      await page.screenshot({ path: `${SHOTS_DIR}/publish-${size}-${scheme}.png` });
      if (size === 'phone') await showView(page, 'Subscriptions');
      await app.openMqtt5('subscribe');
      await app.fillSubscribe5({ noLocal: true, identifier: '7' });
      await app.subscribe('deck/so/#', 1);
      await page.screenshot({ path: `${SHOTS_DIR}/subscribe-${size}-${scheme}.png` });
    }
  });
});
