// Paho's MQTT 5 option scenarios against Mosquitto 5.0 with the app's worker as the client, each
// checked from the other side by an independent Node client: payload format indicator and content
// type, message expiry, subscribe options, subscription identifiers, request/response and topic
// aliases. (Reason codes in words: interop-reasons.test.ts.)
import mqtt from 'mqtt';
import { describe, expect, test } from 'vitest';
import type { StoredMessage } from '../../shared/protocol';
import { useBrowserSuite } from '../fixtures/browser/harness';
import {
  POLL_MS,
  arrived,
  connected,
  payloads,
  startInterop,
  type InteropEnv,
} from '../fixtures/browser/interop-env';
import { connectNodeClient } from '../fixtures/servers/node-client';
import { startWsProxy } from '../fixtures/servers/ws-proxy';

const suite = useBrowserSuite();
const MOSQUITTO_5 = { kind: 'mosquitto', version: 5 } as const;
const QOS1 = { qos: 1, retain: false } as const;
// Mosquitto checks message expiry when it sends a queued message: 1 s is gone after 2 s.
const SHORT_EXPIRY_S = 1;
const LONG_EXPIRY_S = 60;
const PAST_SHORT_EXPIRY_MS = 2_500;
// Mosquitto 2.0's default max_topic_alias.
const BROKER_TOPIC_ALIAS_MAX = 10;

async function subscribe(env: InteropEnv, filter: string, options = {}): Promise<void> {
  expect(await env.api('subscribe', filter, 1, options)).toMatchObject({ ok: true });
}

/** Received messages stored under `prefix` with their properties, oldest first. */
async function stored(env: InteropEnv, prefix: string): Promise<Omit<StoredMessage, 'payload'>[]> {
  const query = { limit: 100, direction: 'received', topicFilter: `${prefix}/#` } as const;
  return (await env.api('readHistory', query)).messages.reverse();
}

/** A marker from the Node client, awaited: whatever the broker sends before it has arrived. */
async function markerArrived(env: InteropEnv, prefix: string): Promise<void> {
  const node = await env.nodeClient();
  await node.client.publishAsync(`${prefix}/end`, 'end', { qos: 1 });
  await expect
    .poll(async () => (await payloads(env.api, prefix)).includes('end'), { timeout: POLL_MS })
    .toBe(true);
}

describe('MQTT 5 options on Mosquitto 5.0', () => {
  test('payload format indicator and content type are delivered both ways', async () => {
    const env = await startInterop(suite, MOSQUITTO_5);
    await connected(env.api, env.profile());
    await subscribe(env, 'deck/pfi/#');
    const node = await env.nodeClient();
    await node.client.subscribeAsync('deck/pfi/from-app', { qos: 1 });
    const options = { ...QOS1, payloadFormatIndicator: true, contentType: 'application/json' };
    expect(await env.api('publish', 'deck/pfi/from-app', '{"t":1}', options)).toMatchObject({
      ok: true,
    });
    const got = await node.waitFor('deck/pfi/from-app');
    expect(got.packet.properties).toMatchObject({
      payloadFormatIndicator: true,
      contentType: 'application/json',
    });
    await node.client.publishAsync('deck/pfi/from-node', 'text', {
      qos: 1,
      properties: { payloadFormatIndicator: true, contentType: 'text/plain' },
    });
    // The app hears its own message too: both directions, as stored.
    await expect
      .poll(async () => (await stored(env, 'deck/pfi')).map((m) => [m.topic, m.properties]), {
        timeout: POLL_MS,
      })
      .toEqual([
        ['deck/pfi/from-app', { payloadFormatIndicator: true, contentType: 'application/json' }],
        ['deck/pfi/from-node', { payloadFormatIndicator: true, contentType: 'text/plain' }],
      ]);
  });

  test('message expiry: gone after its interval, or delivered with what remains of it', async () => {
    const env = await startInterop(suite, MOSQUITTO_5);
    await connected(env.api, env.profile());
    // A persistent Node subscriber, then away: the broker queues for it.
    const persistent = {
      protocolVersion: 5,
      clientId: 'deck-expiry-sub',
      clean: false,
      properties: { sessionExpiryInterval: 300 },
    } as const;
    const away = await connectNodeClient(suite, env.url, persistent);
    await away.client.subscribeAsync('deck/exp/#', { qos: 1 });
    await away.client.endAsync();
    const short = { ...QOS1, messageExpiryIntervalS: SHORT_EXPIRY_S };
    const long = { ...QOS1, messageExpiryIntervalS: LONG_EXPIRY_S };
    expect(await env.api('publish', 'deck/exp/short', 'short', short)).toMatchObject({ ok: true });
    expect(await env.api('publish', 'deck/exp/long', 'long', long)).toMatchObject({ ok: true });
    // The scenario is time passing while the subscriber is away: nothing to poll for.
    await new Promise((resolve) => setTimeout(resolve, PAST_SHORT_EXPIRY_MS));
    // Listening before it connects: the broker sends the queue right after its CONNACK.
    const back = mqtt.connect(env.url, { ...persistent, reconnectPeriod: 0 });
    suite.defer(() => back.endAsync(true));
    const received: { topic: string; expiry?: number }[] = [];
    back.on('message', (topic, _payload, packet) =>
      received.push({ topic, expiry: packet.properties?.messageExpiryInterval }),
    );
    await expect.poll(() => back.connected, { timeout: POLL_MS }).toBe(true);
    await back.publishAsync('deck/exp/end', 'end', { qos: 1 });
    await expect
      .poll(() => received.map((m) => m.topic), { timeout: POLL_MS })
      .toContain('deck/exp/end');
    const long1 = received.find((m) => m.topic === 'deck/exp/long');
    expect(received.map((m) => m.topic)).not.toContain('deck/exp/short');
    expect(long1?.expiry).toBeGreaterThan(0);
    expect(long1?.expiry).toBeLessThan(LONG_EXPIRY_S);
  });

  test('no local: the app does not get its own publishes on that subscription', async () => {
    const env = await startInterop(suite, MOSQUITTO_5);
    await connected(env.api, env.profile());
    await subscribe(env, 'deck/nl/#', { noLocal: true });
    expect(await env.api('publish', 'deck/nl/own', 'own', QOS1)).toMatchObject({ ok: true });
    await markerArrived(env, 'deck/nl');
    expect(await payloads(env.api, 'deck/nl')).toEqual(['end']);
    const subscription = (await env.api('snapshot')).subscriptions.find(
      (s) => s.filter === 'deck/nl/#',
    );
    expect(subscription).toMatchObject({ state: 'granted', options: { noLocal: true } });
  });

  test('retain as published keeps the retain flag on live delivery; without it, cleared', async () => {
    const env = await startInterop(suite, MOSQUITTO_5);
    await connected(env.api, env.profile());
    await subscribe(env, 'deck/rap/kept/#', { retainAsPublished: true });
    await subscribe(env, 'deck/rap/plain/#');
    const node = await env.nodeClient();
    await node.client.publishAsync('deck/rap/kept/x', 'k', { qos: 1, retain: true });
    await node.client.publishAsync('deck/rap/plain/x', 'p', { qos: 1, retain: true });
    await markerArrived(env, 'deck/rap/plain');
    const flags = (await arrived(env.api, 'deck/rap')).map((m) => [m.topic, m.retain]);
    expect(flags).toEqual([
      ['deck/rap/kept/x', true],
      ['deck/rap/plain/x', false],
      ['deck/rap/plain/end', false],
    ]);
    await node.client.publishAsync('deck/rap/kept/x', '', { qos: 1, retain: true });
    await node.client.publishAsync('deck/rap/plain/x', '', { qos: 1, retain: true });
  });

  test('retain handling: 0 sends retained messages, 1 only for a new subscription, 2 never', async () => {
    const env = await startInterop(suite, MOSQUITTO_5);
    const node = await env.nodeClient();
    await node.client.publishAsync('deck/rh/x', 'kept', { qos: 1, retain: true });
    await connected(env.api, env.profile());
    const retained = async () =>
      (await arrived(env.api, 'deck/rh')).filter((m) => m.payload === 'kept').length;
    await subscribe(env, 'deck/rh/#', { retainHandling: 0 });
    await expect.poll(retained, { timeout: POLL_MS }).toBe(1);
    await subscribe(env, 'deck/rh/#', { retainHandling: 1 }); // exists: nothing
    await subscribe(env, 'deck/rh/+', { retainHandling: 2 }); // new, but never
    await subscribe(env, 'deck/+/x', { retainHandling: 1 }); // new: sent
    await markerArrived(env, 'deck/rh');
    expect(await retained()).toBe(2);
    await node.client.publishAsync('deck/rh/x', '', { qos: 1, retain: true });
  });

  test('subscription identifiers: a message on two subscriptions comes with both ids, also after a reconnect', async () => {
    const env = await startInterop(suite, MOSQUITTO_5);
    const proxy = await startWsProxy(env.port);
    suite.defer(() => proxy.close());
    await connected(env.api, env.profile({ url: proxy.url }));
    await subscribe(env, 'deck/sid/#', { subscriptionIdentifier: 1 });
    await subscribe(env, 'deck/sid/+', { subscriptionIdentifier: 2 });
    const node = await env.nodeClient();
    const idsOf = async (topic: string) => {
      const ids = (await stored(env, 'deck/sid'))
        .filter((m) => m.topic === topic)
        .flatMap((m) => {
          const id = m.properties?.subscriptionIdentifier;
          return id === undefined ? [] : Array.isArray(id) ? id : [id];
        });
      return [...new Set(ids)].sort();
    };
    await node.client.publishAsync('deck/sid/a', 'a', { qos: 1 });
    await expect.poll(() => idsOf('deck/sid/a'), { timeout: POLL_MS }).toEqual([1, 2]);
    const copies = (await stored(env, 'deck/sid')).map((m) => m.properties?.subscriptionIdentifier);
    console.log(
      `Mosquitto delivered deck/sid/a ${copies.length}× with ids ${JSON.stringify(copies)}`,
    );

    // A clean start forgets the subscriptions: the app subscribes again, with the same ids.
    proxy.drop();
    await expect
      .poll(async () => [proxy.accepted, (await env.api('snapshot')).status.state], {
        timeout: POLL_MS,
      })
      .toEqual([2, 'connected']);
    await expect
      .poll(async () => (await env.api('snapshot')).subscriptions.map((s) => s.state), {
        timeout: POLL_MS,
      })
      .toEqual(['granted', 'granted']);
    await node.client.publishAsync('deck/sid/b', 'b', { qos: 1 });
    await expect.poll(() => idsOf('deck/sid/b'), { timeout: POLL_MS }).toEqual([1, 2]);
  });

  // QoS 1 too: mqtt.js clones a stored PUBLISH, correlation data (a Uint8Array) included.
  test.each([0, 1] as const)(
    'request/response at QoS %i: the responder’s answer is matched to the request',
    async (qos) => {
      const env = await startInterop(suite, MOSQUITTO_5);
      await connected(env.api, env.profile());
      await subscribe(env, 'deck/rr/reply');
      const responder = await env.nodeClient();
      await responder.client.subscribeAsync('deck/rr/request', { qos: 1 });
      responder.client.on('message', (_topic, _payload, packet) => {
        const { responseTopic, correlationData } = packet.properties ?? {};
        if (!responseTopic || !correlationData) return;
        // First a stranger's message with other correlation data: it answers nothing.
        const other = { correlationData: Buffer.from('other') };
        void responder.client
          .publishAsync(responseTopic, 'stranger', { qos: 1, properties: other })
          .then(() =>
            responder.client.publishAsync(responseTopic, 'answer', {
              qos: 1,
              properties: { correlationData },
            }),
          );
      });
      const correlationData = new TextEncoder().encode('req-42');
      const request = { qos, retain: false, responseTopic: 'deck/rr/reply', correlationData };
      const sent = await env.api('publish', 'deck/rr/request', 'question', request);
      expect(sent).toMatchObject({ ok: true, queued: false });
      const seq = sent.ok ? sent.seq : undefined;
      const entry = async () => (await env.api('outbox')).find((e) => e.seq === seq);
      await expect.poll(async () => (await entry())?.response, { timeout: POLL_MS }).toBeDefined();
      // The match is made as the message arrives; history has it once its batch is written.
      await expect
        .poll(async () => (await arrived(env.api, 'deck/rr')).map((m) => m.payload), {
          timeout: POLL_MS,
        })
        .toEqual(['stranger', 'answer']);
      const answer = (await stored(env, 'deck/rr')).at(-1);
      expect(await entry()).toMatchObject({
        responseTopic: 'deck/rr/reply',
        response: { messageId: answer?.id, at: answer?.time },
      });
    },
  );

  test('topic alias: three publishes with alias 1 arrive with the full topic; 11 is refused', async () => {
    const env = await startInterop(suite, MOSQUITTO_5);
    await connected(env.api, env.profile());
    const node = await env.nodeClient();
    await node.client.subscribeAsync('deck/alias/t', { qos: 1 });
    for (const payload of ['1', '2', '3']) {
      const result = await env.api('publish', 'deck/alias/t', payload, { ...QOS1, topicAlias: 1 });
      expect(result).toMatchObject({ ok: true, acknowledged: true });
    }
    await expect
      .poll(() => node.received.map((m) => [m.topic, m.payload.toString()]), { timeout: POLL_MS })
      .toEqual([
        ['deck/alias/t', '1'],
        ['deck/alias/t', '2'],
        ['deck/alias/t', '3'],
      ]);
    // The wire form (the topic once, then the alias alone) is outbox-mqtt5.test.ts's to show:
    // Mosquitto logs the resolved topic. Had the alias not been registered, it would have ended
    // the connection (0x94 Topic Alias invalid) instead of delivering.
    expect((await env.api('snapshot')).status.state).toBe('connected');
    const tooHigh = { ...QOS1, topicAlias: BROKER_TOPIC_ALIAS_MAX + 1 };
    expect(await env.api('publish', 'deck/alias/t', 'x', tooHigh)).toMatchObject({
      ok: false,
      code: 'invalid-option',
      message:
        'Topic alias must be a whole number from 1 to 10 (the broker’s Topic Alias Maximum).',
    });
  });
});
