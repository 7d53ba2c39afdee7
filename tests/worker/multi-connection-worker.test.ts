// Several connections at once in the app's worker (driven through its API, its events heard with
// Comlink's own wire messages): Aedes 3.1.1 and Mosquitto 5.0 side by side, each with its own
// subscriptions, history, publishes, outbox and reconnects, and a default for unnamed calls.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type {
  ConnectionProfile,
  DeckEvent,
  MqttVersion,
  WorkerSnapshot,
} from '../../shared/protocol';
import type { WorkerApi } from '../../worker/api';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { POLL_MS } from '../fixtures/browser/interop-env';
import { startMosquitto, type MosquittoOptions } from '../fixtures/servers/mosquitto';
import { connectNodeClient, type NodeClient } from '../fixtures/servers/node-client';

const suite = useBrowserSuite();
const QOS1_EACH = 20;
const Q1 = { qos: 1, retain: false } as const;

type Call = <K extends Exclude<keyof WorkerApi, 'events'>>(
  method: K,
  ...args: Parameters<WorkerApi[K]>
) => Promise<Awaited<ReturnType<WorkerApi[K]>>>;

declare global {
  interface Window {
    __mcCall?: (method: string, args: unknown[]) => Promise<unknown>;
    __mcEvents?: DeckEvent[];
  }
}

/**
 * A second instance of the app's built worker in its page (as worker-api.ts), whose `events` is
 * given a listener the way Comlink.proxy passes one: a MessagePort answering APPLY messages.
 */
async function openWorker(page: Page): Promise<{ api: Call; events(): Promise<DeckEvent[]> }> {
  const appWorker = page.workers()[0] ?? (await page.waitForEvent('worker'));
  await page.evaluate((url) => {
    const worker = new Worker(url, { type: 'module' });
    const pending = new Map<string, (value: unknown) => void>();
    let next = 0;
    worker.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as { id?: string; value?: unknown };
      if (data.id !== undefined) pending.get(data.id)?.(data.value);
    });
    const post = (method: string, argumentList: unknown[], transfer: Transferable[] = []) =>
      new Promise((resolve) => {
        const id = `mc-${next++}`;
        pending.set(id, resolve);
        worker.postMessage({ id, type: 'APPLY', path: [method], argumentList }, transfer);
      });
    window.__mcCall = (method, args) =>
      post(
        method,
        args.map((value) => ({ type: 'RAW', value })),
      );
    window.__mcEvents = [];
    const channel = new MessageChannel();
    channel.port1.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as {
        id?: string;
        type?: string;
        argumentList?: { value: unknown }[];
      };
      if (data.type !== 'APPLY') return;
      const batch = data.argumentList?.[0]?.value as DeckEvent[] | undefined;
      window.__mcEvents!.push(...(batch ?? []));
      channel.port1.postMessage({ id: data.id, type: 'RAW', value: undefined });
    });
    channel.port1.start();
    void post(
      'events',
      [{ type: 'HANDLER', name: 'proxy', value: channel.port2 }],
      [channel.port2],
    );
  }, appWorker.url());
  const api = ((method: string, ...args: unknown[]) =>
    page.evaluate(([name, list]) => window.__mcCall!(name, list), [method, args] as const)) as Call;
  return { api, events: () => page.evaluate(() => window.__mcEvents ?? []) };
}

function profile(id: string, url: string, protocolVersion: MqttVersion): ConnectionProfile {
  const base = { username: '', password: '', keepaliveS: 60, cleanStart: true };
  return { ...base, id, url, clientId: `deck-${id}`, protocolVersion };
}

const byId = (snapshot: WorkerSnapshot, id: string) =>
  snapshot.connections.find((c) => c.connectionId === id);

const received = (client: NodeClient, prefix: string) =>
  client.received.filter((m) => m.topic.startsWith(prefix)).map((m) => m.payload.toString());

describe('several connections at once in the worker', () => {
  test('Aedes 3.1.1 and Mosquitto 5.0 side by side: own messages, publishes, outbox, reconnects', async () => {
    const env = await startDevEnv(suite);
    const mosquittoOptions: MosquittoOptions = {};
    let mosquitto = await startMosquitto(mosquittoOptions);
    suite.defer(() => mosquitto.stop());
    Object.assign(mosquittoOptions, { port: mosquitto.port, tcpPort: mosquitto.tcpPort });
    const aedesProfile = profile('mc-aedes', env.broker.url, 4);
    const mosqProfile = profile('mc-mosq', mosquitto.url, 5);

    const { page } = await suite.newPage();
    await page.goto(env.appUrl);
    const { api, events } = await openWorker(page);
    const state = async (id: string) => byId(await api('snapshot'), id)?.status.state;

    expect(await api('connect', aedesProfile)).toMatchObject({ ok: true });
    expect(await api('connect', mosqProfile)).toMatchObject({ ok: true });
    await expect.poll(() => state('mc-aedes'), { timeout: POLL_MS }).toBe('connected');
    await expect.poll(() => state('mc-mosq'), { timeout: POLL_MS }).toBe('connected');
    let snapshot = await api('snapshot');
    expect(snapshot.connections.map((c) => c.connectionId)).toEqual(['mc-aedes', 'mc-mosq']);
    // The default is the one connected last.
    expect(snapshot.status).toMatchObject({ connectionId: 'mc-mosq', state: 'connected' });

    expect(await api('subscribe', 'a/#', 1, undefined, 'mc-aedes')).toMatchObject({ ok: true });
    expect(await api('subscribe', 'm/#', 1, undefined, 'mc-mosq')).toMatchObject({ ok: true });
    expect(await api('subscribe', 'd/#', 1)).toMatchObject({ ok: true }); // the default's
    snapshot = await api('snapshot');
    const filters = (id: string) => byId(snapshot, id)?.subscriptions.map((s) => s.filter);
    expect(filters('mc-aedes')).toEqual(['a/#']);
    expect(filters('mc-mosq')).toEqual(['m/#', 'd/#']);

    const onAedes = await connectNodeClient(suite, env.broker.url, { protocolVersion: 4 });
    const onMosq = await connectNodeClient(suite, mosquitto.url, { protocolVersion: 5 });
    await onAedes.client.subscribeAsync('x/#', { qos: 1 });
    await onMosq.client.subscribeAsync('x/#', { qos: 1 });
    await onAedes.client.publishAsync('a/1', 'from aedes', { qos: 1 });
    await onMosq.client.publishAsync('m/1', 'from mosquitto', { qos: 1 });
    await onMosq.client.publishAsync('d/1', 'to the default', { qos: 1 });
    const history = async () =>
      (await api('readHistory', { limit: 50, direction: 'received' })).messages
        .map((m) => `${m.topic}@${m.connectionId}`)
        .sort();
    await expect
      .poll(history, { timeout: POLL_MS })
      .toEqual(['a/1@mc-aedes', 'd/1@mc-mosq', 'm/1@mc-mosq']);
    const [newest] = (await api('readHistory', { limit: 1, direction: 'received' })).messages;
    expect((await api('getMessage', newest!.id))?.connectionId).toBe(newest!.connectionId);

    // Every status and subscription event names its connection.
    const seen = await events();
    const statuses = seen.filter((e) => e.type === 'status');
    expect(statuses.filter((e) => e.state === 'connected').map((e) => e.connectionId)).toEqual(
      expect.arrayContaining(['mc-aedes', 'mc-mosq']),
    );
    const subEvents = seen.filter((e) => e.type === 'subscription');
    expect(subEvents.find((e) => e.filter === 'a/#')?.connectionId).toBe('mc-aedes');
    expect(subEvents.find((e) => e.filter === 'd/#')?.connectionId).toBe('mc-mosq');
    expect(subEvents.every((e) => e.connectionId !== undefined)).toBe(true);

    // A publish goes to the connection it names (or the default), and to no other broker.
    const toAedes = await api('publish', 'x/to-aedes', 'A', Q1, 'mc-aedes');
    expect(toAedes).toMatchObject({ ok: true, acknowledged: true, queued: false });
    expect(await api('publish', 'x/to-default', 'D', Q1)).toMatchObject({
      ok: true,
      acknowledged: true,
    });
    await onAedes.waitFor('x/to-aedes');
    await onMosq.waitFor('x/to-default');
    expect(received(onMosq, 'x/to-aedes')).toEqual([]);
    expect(received(onAedes, 'x/to-default')).toEqual([]);

    // QoS 1 on both at once: every one acknowledged by its own broker.
    const burst = (id: string) =>
      Array.from({ length: QOS1_EACH }, (_, i) => api('publish', `x/${id}/burst`, `${i}`, Q1, id));
    const results = await Promise.all([...burst('mc-aedes'), ...burst('mc-mosq')]);
    expect(results.filter((r) => r.ok && r.acknowledged)).toHaveLength(2 * QOS1_EACH);
    const numbers = Array.from({ length: QOS1_EACH }, (_, i) => `${i}`);
    await expect
      .poll(() => received(onAedes, 'x/mc-aedes/'), { timeout: POLL_MS })
      .toEqual(numbers);
    await expect.poll(() => received(onMosq, 'x/mc-mosq/'), { timeout: POLL_MS }).toEqual(numbers);
    expect(received(onAedes, 'x/mc-mosq/')).toEqual([]);
    expect(received(onMosq, 'x/mc-aedes/')).toEqual([]);

    // Mosquitto restarts: its connection reconnects; Aedes's stays connected and receiving.
    await mosquitto.stop();
    await expect.poll(() => state('mc-mosq'), { timeout: POLL_MS }).not.toBe('connected');
    await onAedes.client.publishAsync('a/2', 'during the restart', { qos: 1 });
    await expect.poll(history, { timeout: POLL_MS }).toContain('a/2@mc-aedes');
    expect(await state('mc-aedes')).toBe('connected');
    mosquitto = await startMosquitto(mosquittoOptions);
    await expect.poll(() => state('mc-mosq'), { timeout: 30_000 }).toBe('connected');
    const onMosq2 = await connectNodeClient(suite, mosquitto.url, { protocolVersion: 5 });
    await onMosq2.client.subscribeAsync('x/#', { qos: 1 });
    // Aedes's connection never left 'connected' while Mosquitto's went down and came back.
    const aedesStates = (await events()).flatMap((e) =>
      e.type === 'status' && e.connectionId === 'mc-aedes' ? [e.state] : [],
    );
    expect(aedesStates.slice(aedesStates.indexOf('connected'))).toEqual(['connected']);

    // Disconnect one: the other stays connected and receiving; the default falls back to it.
    await api('disconnect', 'mc-aedes');
    snapshot = await api('snapshot');
    expect(snapshot.connections.map((c) => c.connectionId)).toEqual(['mc-mosq']);
    expect(snapshot.status).toMatchObject({ connectionId: 'mc-mosq', state: 'connected' });
    await onMosq2.client.publishAsync('m/2', 'after the other left', { qos: 1 });
    await expect.poll(history, { timeout: POLL_MS }).toContain('m/2@mc-mosq');

    // A publish for the disconnected one waits in the outbox for it, and goes to its broker.
    const waiting = await api('publish', 'x/waited', 'W', Q1, 'mc-aedes');
    expect(waiting).toMatchObject({ ok: true, queued: true });
    expect(await api('connect', aedesProfile)).toMatchObject({ ok: true });
    await onAedes.waitFor('x/waited');
    const entry = async () => (await api('outbox')).find((e) => e.topic === 'x/waited')?.state;
    await expect.poll(entry, { timeout: POLL_MS }).toBe('acknowledged');
    expect(received(onMosq2, 'x/waited')).toEqual([]);
    expect((await api('snapshot')).status.connectionId).toBe('mc-aedes');

    await api('disconnect');
    expect((await api('snapshot')).connections).toEqual([]);

    // The connection log keeps each connection's own transitions: only Mosquitto's restarted.
    const log = async (id: string) =>
      (await api('readConnectionLog', { limit: 100 }))
        .filter((e) => e.connectionId === id)
        .map((e) => e.kind)
        .reverse();
    const upDown = ['connected', 'disconnected', 'connected', 'disconnected'];
    await expect.poll(() => log('mc-mosq'), { timeout: POLL_MS }).toEqual(upDown);
    await expect.poll(() => log('mc-aedes'), { timeout: POLL_MS }).toEqual(upDown);
    const reasons = (await api('readConnectionLog', { limit: 100 }))
      .filter((e) => e.connectionId === 'mc-aedes' && e.kind === 'disconnected')
      .map((e) => e.reason);
    expect(reasons).toEqual(['Disconnected by the user.', 'Disconnected by the user.']);
  });
});
