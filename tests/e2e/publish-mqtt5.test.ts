// The publish form's MQTT 5 options against Mosquitto 5.0: what the form sets is on the wire (an
// independent Node client and the relay's decoded packets say so), a request shows its response
// beside it, a received message shows every property, and each bad input its message in words.
import { mkdir } from 'node:fs/promises';
import type { IPublishPacket } from 'mqtt-packet';
import { describe, expect, test } from 'vitest';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { describedError, startMqtt5Ui } from '../fixtures/browser/mqtt5-ui-env';
import { SIZES, box, showView } from '../fixtures/browser/views';

const suite = useBrowserSuite();
const POLL_MS = 10_000;
const SHOTS_DIR = process.env.MQTT_DECK_SHOTS_DIR ?? '.tmp/shots-mqtt5-ui';

describe('MQTT 5 publish options', () => {
  test('every option the form sets arrives on the wire', async () => {
    const { app, node, sniffer } = await startMqtt5Ui(suite);
    await node.client.subscribeAsync('deck/m5/#', { qos: 1 });
    await app.openMqtt5('publish');
    await app.fillPublish5({
      contentType: 'application/json',
      utf8: true,
      expiryS: '300',
      responseTopic: 'deck/m5/reply',
      correlation: '72 65 71 2d 31',
      correlationHex: true,
      userProperties: [
        ['unit', 'C'],
        ['tag', 'a'],
        ['tag', 'b'],
      ],
      topicAlias: '3',
    });
    await app.publish('deck/m5/all', '{"t":21.5}', { qos: 1 });
    await expect.poll(() => app.publishResult(), { timeout: POLL_MS }).toMatch(/Acknowledged/);

    const got = await node.waitFor('deck/m5/all');
    const props = got.packet.properties ?? {};
    expect(props.contentType).toBe('application/json');
    expect(props.payloadFormatIndicator).toBe(true);
    expect(props.messageExpiryInterval).toBeGreaterThan(290);
    expect(props.messageExpiryInterval).toBeLessThanOrEqual(300);
    expect(props.responseTopic).toBe('deck/m5/reply');
    expect(Buffer.from(props.correlationData ?? []).toString()).toBe('req-1');
    expect(props.userProperties).toEqual({ unit: 'C', tag: ['a', 'b'] });
    // Brokers never forward a sender's topic alias: it is read from the app's own packet.
    const publishes = sniffer.sent.filter((p): p is IPublishPacket => p.cmd === 'publish');
    expect(publishes.map((p) => p.properties?.topicAlias)).toContain(3);
  });

  test('each bad input is refused in words before anything is sent', async () => {
    const { app, sniffer } = await startMqtt5Ui(suite);
    await app.openMqtt5('publish');
    await app.fillPublish5({
      correlation: 'zz 01',
      correlationHex: true,
      topicAlias: '0',
      expiryS: '-5',
      userProperties: [['', 'orphan']],
    });
    await app.publish('deck/m5/bad', 'x', { qos: 1 });
    await expect.poll(() => app.publishResult()).toMatch(/Not sent: 4 MQTT 5 options need fixing/);
    expect(await describedError(app.field('Correlation data'))).toMatch(/"z" is not a hex digit/);
    expect(await describedError(app.field('Topic alias'))).toMatch(/Topic alias must be .* 1 /);
    expect(await describedError(app.field('Message expiry (s)'))).toMatch(/from 0 to/);
    expect(await describedError(app.field('User property name 1'))).toMatch(/needs a name/);
    expect(sniffer.sent.some((p) => p.cmd === 'publish')).toBe(false);

    // Fixed, the same form sends.
    await app.field('Correlation data').fill('0a0b');
    await app.field('Topic alias').fill('');
    await app.field('Message expiry (s)').fill('10');
    await app.button('Remove user property 1').click();
    await app.button('Publish').click();
    await expect.poll(() => app.publishResult(), { timeout: POLL_MS }).toMatch(/Acknowledged/);
    expect(await describedError(app.field('Correlation data'))).toBe('');
  });

  test('a request shows that it waits, then its response beside it', async () => {
    const { app, node } = await startMqtt5Ui(suite);
    await app.subscribe('deck/m5/reply', 1);
    await node.client.subscribeAsync('deck/m5/req', { qos: 1 });
    await app.openMqtt5('publish');
    await app.fillPublish5({ responseTopic: 'deck/m5/reply', correlation: 'req-42' });
    await app.publish('deck/m5/req', 'ping', { qos: 1 });
    const request = await node.waitFor('deck/m5/req');
    const row = app.outboxRow('deck/m5/req');
    await expect
      .poll(() => row.textContent(), { timeout: POLL_MS })
      .toMatch('correlation req-42Waiting for a response on deck/m5/reply');

    // The responder echoes the correlation data to the response topic, as a service would.
    const { responseTopic, correlationData } = request.packet.properties ?? {};
    await node.client.publishAsync(responseTopic ?? 'missing', 'pong 42', {
      qos: 1,
      properties: { correlationData },
    });
    await expect
      .poll(() => row.textContent(), { timeout: POLL_MS })
      .toMatch(/Response after \d+(\.\d)? m?s\s*pong 42/);
    await mkdir(SHOTS_DIR, { recursive: true });
    await row.screenshot({ path: `${SHOTS_DIR}/request-response.png` });
  });

  test('a received message shows every property in the detail, long values cut', async () => {
    const { app, node } = await startMqtt5Ui(suite);
    await app.openMqtt5('subscribe');
    await app.fillSubscribe5({ identifier: '9' });
    await app.subscribe('deck/m5/in/#', 1);
    await node.client.publishAsync('deck/m5/in/a', 'hello', {
      qos: 1,
      properties: {
        contentType: 'text/plain',
        payloadFormatIndicator: true,
        messageExpiryInterval: 600,
        responseTopic: 'deck/m5/back',
        correlationData: Buffer.from([0xde, 0xad, 0xbe, 0xef]),
        userProperties: { k: ['v1', 'v2'], long: 'x'.repeat(500), ['n'.repeat(120)]: 'named' },
      },
    });
    const row = await app.expectMessage('deck/m5/in/a');
    const detail = await app.openDetail(row, 'deck/m5/in/a');
    const props = detail.getByLabel('MQTT 5 properties', { exact: true });
    await props.waitFor({ timeout: POLL_MS });
    const text = (await props.textContent()) ?? '';
    for (const part of [
      'Content typetext/plain',
      'Payload formatUTF-8 text',
      'Response topicdeck/m5/back',
      'Correlation datade ad be ef (hex)',
      'Subscription identifier9',
      'kv1',
      'kv2',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toMatch(/Message expiry(600|59\d) s/);
    expect(text).not.toContain('x'.repeat(201));
    await detail.getByRole('button', { name: 'Show all of long', exact: true }).click();
    expect(await props.textContent()).toContain('x'.repeat(500));
    await mkdir(SHOTS_DIR, { recursive: true });
    await detail.screenshot({ path: `${SHOTS_DIR}/properties.png` });
    // On a phone a long sender-chosen name wraps: the values stay on the screen.
    await app.page.setViewportSize(SIZES.phone);
    await showView(app.page, 'Messages');
    const value = (await box(props.getByText('named', { exact: true }))).x;
    expect(value + 40).toBeLessThan(SIZES.phone.width);
    await props.getByText('named', { exact: true }).scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: `${SHOTS_DIR}/properties-phone.png` });
    await app.page.setViewportSize(SIZES.wall);

    await node.client.publishAsync('deck/m5/in/b', 'bytes', {
      qos: 1,
      properties: { correlationData: Buffer.from('order-7'), payloadFormatIndicator: false },
    });
    const second = await app.expectMessage('deck/m5/in/b');
    await app.openDetail(second, 'deck/m5/in/b');
    await expect
      .poll(() => props.textContent(), { timeout: POLL_MS })
      .toMatch(/Payload formatbytes.*Correlation dataorder-7/);
  });
});
