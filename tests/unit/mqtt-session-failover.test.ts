// The session's broker URL rotation and failover, against real Aedes brokers over websocket-stream:
// round robin over [url, ...fallbackUrls], "not this server" refusals, and a persistent session's
// unacknowledged QoS 1 publish replayed by mqtt.js on the fallback broker.
import mqtt, { type IStore } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionProfile } from '../../shared/protocol';
import type { OpenQosState, QosState } from '../../worker/qos/qos-state';
import {
  cleanups,
  closedPort,
  sessionProfile,
  startAedes,
  startSession,
  waitFor,
} from '../fixtures/fakes/mqtt-session-brokers';

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const profile = (url: string, extra: Partial<ConnectionProfile> = {}) =>
  sessionProfile('failover', url, extra);

describe('mqtt session: fallback URLs', () => {
  it('tries [url, ...fallbackUrls] in turn, round robin, and reports the URL in use', async () => {
    const [a, b] = [await closedPort(), await closedPort()];
    const down = [`ws://127.0.0.1:${a}/mqtt`, `ws://127.0.0.1:${b}/mqtt`];
    const broker = await startAedes();
    const s = startSession();
    s.session.connect(profile(down[0]!, { fallbackUrls: [down[1]!, broker.url] }));
    await waitFor(() => s.session.status().state === 'connected', 'connected');
    expect(s.urls()).toEqual([down[0], down[1], broker.url]);
    expect(s.session.status().url).toBe(broker.url);
    expect(s.statuses[0]).toMatchObject({ state: 'connecting', url: down[0] });

    // A lost connection moves on to the next URL, which wraps round to the first.
    broker.clients.at(-1)!.close();
    await waitFor(() => s.clients.length >= 6 && s.session.status().state === 'connected', 'again');
    expect(s.urls()).toEqual([...down, broker.url, ...down, broker.url]);
  });

  it('moves on to the next URL when a broker answers "server unavailable"', async () => {
    const refusing = await startAedes({
      authenticate: (_client, _user, _password, done) =>
        done(Object.assign(new Error('unavailable'), { returnCode: 3 }), false),
    });
    const good = await startAedes();
    const s = startSession();
    s.session.connect(profile(refusing.url, { fallbackUrls: [good.url] }));
    await waitFor(() => s.session.status().state === 'connected', 'connected to the fallback');
    expect(s.session.status().url).toBe(good.url);
    const refusal = s.statuses.find((e) => e.state === 'reconnecting');
    expect(refusal?.error).toMatchObject({ code: 'server-unavailable' });
  });

  it('stops on "server unavailable" when there is no other URL', async () => {
    const refusing = await startAedes({
      authenticate: (_client, _user, _password, done) =>
        done(Object.assign(new Error('unavailable'), { returnCode: 3 }), false),
    });
    const s = startSession();
    s.session.connect(profile(refusing.url));
    await waitFor(() => s.session.status().state === 'error', 'error');
    expect(s.session.status().error).toMatchObject({ code: 'server-unavailable' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(s.clients).toHaveLength(1);
  });

  it("replays a persistent session's unacknowledged QoS 1 publish on the fallback broker", async () => {
    // The first broker takes the PUBLISH and never acknowledges it.
    let held = 0;
    const first = await startAedes({ authorizePublish: () => void (held += 1) });
    const second = await startAedes();
    const subscriber = mqtt.connect(second.url, { clientId: 'fallback-reader' });
    cleanups.push(() => void subscriber.end(true));
    const got: string[] = [];
    subscriber.on('message', (topic, payload) => got.push(`${topic}=${payload.toString()}`));
    await subscriber.subscribeAsync('held/#', { qos: 1 });

    // One store pair per scope that outlives each client (mqtt.js closes the stores it was
    // given when the client ends), as qos-state keeps them in IndexedDB across attempts.
    const stores = new Map<string, { incoming: IStore; outgoing: IStore }>();
    const scopes: string[] = [];
    const lasting = (store: IStore): IStore =>
      Object.assign(Object.create(store) as IStore, { close: (done: () => void) => done() });
    const openQosState: OpenQosState = (p, memoryStore) => {
      const scope = `${p.url}|${p.clientId}`;
      scopes.push(scope);
      const pair = stores.get(scope) ?? { incoming: memoryStore(), outgoing: memoryStore() };
      stores.set(scope, pair);
      const [incoming, outgoing] = [lasting(pair.incoming), lasting(pair.outgoing)];
      const options = { incomingStore: incoming, outgoingStore: outgoing };
      return Promise.resolve({ incoming, outgoing, options } as unknown as QosState);
    };
    const s = startSession({ openQosState });
    const p = profile(first.url, { cleanStart: false, fallbackUrls: [second.url] });
    s.session.connect(p);
    await waitFor(() => s.session.status().state === 'connected', 'connected to the first');
    s.clients[0]!.client.publish('held/1', 'kept', { qos: 1 });
    await waitFor(() => held === 1, 'the first broker to take the publish');

    await first.close();
    await waitFor(() => got.length > 0, 'the replayed publish on the second broker');
    expect(got).toEqual(['held/1=kept']);
    expect(s.session.status()).toMatchObject({ state: 'connected', url: second.url });
    // The session's QoS state stayed keyed by the profile's own URL on the fallback broker.
    expect(scopes).toEqual([`${first.url}|${p.clientId}`, `${first.url}|${p.clientId}`]);
    const outgoing = stores.get(`${first.url}|${p.clientId}`)!.outgoing;
    await waitFor(
      () => (outgoing as unknown as { _inflights: Map<number, unknown> })._inflights.size === 0,
      'PUBACK from the second broker',
    );
  });
});
