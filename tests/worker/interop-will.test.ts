// Paho client interop scenario "keepalive with a will" on every broker, and MQTT 5.0 will delay on
// Mosquitto: the app's connection goes silent or is cut (a proxy between it and the broker), and
// an independent Node client hears what the broker publishes in its name.
import { describe, expect, test } from 'vitest';
import type { WillMessage } from '../../shared/protocol';
import { useBrowserSuite } from '../fixtures/browser/harness';
import {
  BROKERS,
  connected,
  disconnected,
  startInterop,
  type BrokerCase,
  type InteropEnv,
} from '../fixtures/browser/interop-env';
import type { NodeClient } from '../fixtures/servers/node-client';
import { startWsProxy, type WsProxy } from '../fixtures/servers/ws-proxy';

const suite = useBrowserSuite();
const KEEPALIVE_S = 2;
// The broker gives up 1.5 × keepalive after the last packet; its timer runs once a second or so.
const WILL_WITHIN_MS = 10_000;
const WILL_DELAY_S = 2;
// Long enough that the app's first retry (200 ms) lands well inside it on a loaded machine.
const CANCELLED_WILL_DELAY_S = 5;
const SESSION_EXPIRY_S = 60;
const FAST_RETRY = { enabled: true, initialDelayMs: 200, maxDelayMs: 1_000, maxAttempts: 0 };
const TEST_TIMEOUT_MS = 40_000;

const WILL_PROPERTIES = {
  contentType: 'text/plain',
  payloadFormatIndicator: true,
  messageExpiryIntervalS: 300,
  responseTopic: 'deck/will/reply',
  correlationData: 'case-42',
  userProperties: { origin: 'deck', tag: ['a', 'b'] },
} satisfies Partial<WillMessage>;

interface Rig {
  env: InteropEnv;
  proxy: WsProxy;
  /** Subscribed to deck/will/# before the app connects. */
  watcher: NodeClient;
  will: WillMessage;
}

/** The broker, a proxy in front of it, and a Node client listening for the app's will. */
async function rig(
  broker: BrokerCase,
  topic: string,
  will: Partial<WillMessage> = {},
): Promise<Rig> {
  const env = await startInterop(suite, broker);
  const proxy = await startWsProxy(env.port);
  suite.defer(() => proxy.close());
  const watcher = await env.nodeClient(`deck-will-watcher-${broker.version}`);
  await watcher.client.subscribeAsync('deck/will/#', { qos: 2 });
  const fullWill: WillMessage = {
    topic,
    payload: 'the deck went silent',
    qos: 1,
    retain: true,
    ...will,
  };
  return { env, proxy, watcher, will: fullWill };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Publishes a marker and waits for it: a will not heard by then was not sent. */
async function noWillBy(r: Rig): Promise<void> {
  const other = await r.env.nodeClient();
  await other.client.publishAsync('deck/will/marker', 'marker', { qos: 1 });
  await r.watcher.waitFor('deck/will/marker');
  expect(r.watcher.received.filter((m) => m.topic === r.will.topic)).toEqual([]);
}

describe.each(BROKERS)('will on $name', (broker) => {
  const v5 = broker.version === 5;

  test(
    'keepalive with a will: a silent connection times out and the broker publishes the will',
    async () => {
      const r = await rig(broker, 'deck/will/keepalive', v5 ? WILL_PROPERTIES : {});
      const { env, proxy, watcher, will } = r;
      await connected(env.api, env.profile({ url: proxy.url, keepaliveS: KEEPALIVE_S, will }));
      // Pings keep a quiet connection alive past its keepalive: no will yet.
      await sleep(2 * KEEPALIVE_S * 1000 + 500);
      expect(watcher.received).toEqual([]);

      // Nothing either way, and the app's own close (its keepalive fires too) held by the proxy:
      // only the broker's keepalive timer can end it. (Mosquitto logs a WebSocket client's
      // timeout as "closed its connection", so its log cannot tell the two apart.)
      const cut = Date.now();
      proxy.blackHole(true);
      const got = await watcher.waitFor(will.topic, WILL_WITHIN_MS);
      console.log(`${broker.name}: will after ${Date.now() - cut} ms of silence`);
      expect(got.payload.toString()).toBe(will.payload);
      expect(got.packet.qos).toBe(1);
      if (v5) {
        const props = got.packet.properties ?? {};
        expect(props).toMatchObject({
          contentType: WILL_PROPERTIES.contentType,
          payloadFormatIndicator: true,
          responseTopic: WILL_PROPERTIES.responseTopic,
          userProperties: WILL_PROPERTIES.userProperties,
        });
        expect(props.correlationData?.toString()).toBe(WILL_PROPERTIES.correlationData);
        expect(props.messageExpiryInterval).toBeGreaterThan(0);
        expect(props.messageExpiryInterval).toBeLessThanOrEqual(300);
      }
      // Retained: a client subscribing afterwards is handed it, flagged retained.
      const late = await env.nodeClient();
      await late.client.subscribeAsync(will.topic, { qos: 1 });
      const retained = await late.waitFor(will.topic);
      expect(retained.payload.toString()).toBe(will.payload);
      expect(retained.packet.retain).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  test('a graceful disconnect: the broker drops the will', async () => {
    const r = await rig(broker, 'deck/will/graceful');
    await connected(
      r.env.api,
      r.env.profile({ url: r.proxy.url, keepaliveS: KEEPALIVE_S, will: r.will }),
    );
    await disconnected(r.env.api);
    await sleep(1_000);
    await noWillBy(r);
  });

  // MQTT 5.0 only, and only registered there: `npm test` counts a skipped test as a failure.
  if (!(v5 && broker.kind === 'mosquitto')) return;

  test(
    'will delay: the will comes no sooner than its delay after the connection was cut',
    async () => {
      const r = await rig(broker, 'deck/will/delayed', { delayIntervalS: WILL_DELAY_S });
      const profile = r.env.profile({
        url: r.proxy.url,
        cleanStart: false,
        sessionExpiryS: SESSION_EXPIRY_S,
        will: r.will,
      });
      await connected(r.env.api, profile);
      // Cut at once (RST), and the app's retries held, so no new connection cancels the will.
      r.proxy.blackHole(true);
      const cut = Date.now();
      r.proxy.drop('rst');
      const got = await r.watcher.waitFor(r.will.topic, WILL_WITHIN_MS);
      const afterMs = Date.now() - cut;
      console.log(`${broker.name}: delayed will after ${afterMs} ms (delay ${WILL_DELAY_S} s)`);
      expect(got.payload.toString()).toBe(r.will.payload);
      expect(afterMs).toBeGreaterThanOrEqual(WILL_DELAY_S * 1000);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'will delay: no will when the app reconnects with the same client ID within the delay',
    async () => {
      const r = await rig(broker, 'deck/will/cancelled', {
        delayIntervalS: CANCELLED_WILL_DELAY_S,
      });
      const profile = r.env.profile({
        url: r.proxy.url,
        cleanStart: false,
        sessionExpiryS: SESSION_EXPIRY_S,
        reconnect: FAST_RETRY,
        will: r.will,
      });
      await connected(r.env.api, profile);
      const cut = Date.now();
      r.proxy.drop('rst');
      await expect
        .poll(async () => r.proxy.accepted >= 2 && (await r.env.api('snapshot')).status.state, {
          timeout: CANCELLED_WILL_DELAY_S * 1000,
        })
        .toBe('connected');
      const backMs = (r.proxy.acceptedAt[1] ?? Infinity) - cut;
      console.log(`${broker.name}: reconnected ${backMs} ms after the cut`);
      expect(backMs).toBeLessThan(CANCELLED_WILL_DELAY_S * 1000);
      // Past the delay, with margin for the broker's once-a-second check.
      await sleep(Math.max(0, cut + CANCELLED_WILL_DELAY_S * 1000 + 1_500 - Date.now()));
      await noWillBy(r);
    },
    TEST_TIMEOUT_MS,
  );
});
