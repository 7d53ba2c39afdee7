// Bundled into a blank page by store-page.ts: the worker's history store over the page's real
// IndexedDB, driven by the tests through window.deckStore with plain, cloneable arguments.
import { createDbConnection } from '../../worker/history-db';
import { createHistoryStore } from '../../worker/history-store';
import type { HistoryStore, HistoryStoreOptions } from '../../worker/history-store';
import type { HistoryQuery, MessageSummary, StoredMessage } from '../../worker/protocol';
import { bytesText, fixtureMessage } from './history-fixture';

/** Bytes cross to Node as short text (bytesText). */
export type Plain<T> = { [K in keyof T]: T[K] extends Uint8Array ? string : T[K] };
export type PlainMessage = Omit<Plain<StoredMessage>, 'properties'> & { properties?: unknown };
export type PlainSummary = Omit<Plain<MessageSummary>, 'properties'> & { properties?: unknown };

function plain<T extends MessageSummary | StoredMessage>(m: T) {
  const out: Record<string, unknown> = { ...m };
  for (const [key, value] of Object.entries(m)) {
    if (value instanceof Uint8Array) out[key] = bytesText(value);
  }
  const cd = m.properties?.correlationData;
  if (m.properties)
    out.properties = { ...m.properties, ...(cd ? { correlationData: [...cd] } : {}) };
  return out;
}

const stores = new Map<
  string,
  { db: ReturnType<typeof createDbConnection>; store: HistoryStore }
>();
const storeOf = (key: string) => {
  const entry = stores.get(key);
  if (!entry) throw new Error(`no store "${key}" opened`);
  return entry.store;
};

const harness = {
  open(key: string, dbName: string, options: HistoryStoreOptions = {}) {
    const db = createDbConnection(dbName);
    stores.set(key, { db, store: createHistoryStore(db, options) });
  },
  async close(key: string) {
    await (await stores.get(key)?.db())?.close();
    stores.delete(key);
  },
  /** Appends fixture messages with these ids, in batches of the given sizes (cycled). */
  async appendFixture(key: string, ids: number[], batchSizes: number[]) {
    try {
      for (let at = 0, n = 0; at < ids.length; n++) {
        const size = batchSizes[n % batchSizes.length]!;
        await storeOf(key).appendBatch(ids.slice(at, at + size).map(fixtureMessage));
        at += size;
      }
      return 'ok';
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  },
  /** Appends simple text messages; rejects with the error's name and message. */
  async appendSimple(key: string, messages: { id: number; topic: string; text: string }[]) {
    const batch = messages.map(({ id, topic, text }) => {
      const payload = new TextEncoder().encode(text);
      return { ...fixtureMessage(id), topic, payload, size: payload.byteLength };
    });
    try {
      await storeOf(key).appendBatch(batch);
      return 'ok';
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  },
  async readPage(key: string, query: HistoryQuery) {
    const page = await storeOf(key).readPage(query);
    return { messages: page.messages.map(plain) as PlainSummary[], next: page.next };
  },
  /** Follows `next` to the end: the ids of every page, and how many calls it took. */
  async readAll(key: string, query: HistoryQuery, maxCalls = 10_000) {
    const pages: number[][] = [];
    let before = query.before;
    for (let call = 0; call < maxCalls; call++) {
      const page = await storeOf(key).readPage({ ...query, before });
      pages.push(page.messages.map((m) => m.id));
      if (page.next === undefined) return { pages, done: true };
      before = page.next;
    }
    return { pages, done: false };
  },
  async get(key: string, id: number) {
    const message = await storeOf(key).get(id);
    return message && (plain(message) as PlainMessage);
  },
  async totals(key: string) {
    const store = storeOf(key);
    return { count: await store.count(), maxId: await store.maxId() };
  },
  /**
   * A database as version 1 of the app left it: one record per message (fixture messages with
   * these ids), a record that is not a message, and a saved profile.
   */
  async createV1(dbName: string, ids: number[]) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName, 1);
      request.onupgradeneeded = () => {
        const messages = request.result.createObjectStore('messages', { keyPath: 'id' });
        messages.createIndex('byTopic', ['topic', 'id']);
        request.result.createObjectStore('settings');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const tx = db.transaction(['messages', 'settings'], 'readwrite');
    for (const id of ids) tx.objectStore('messages').put(fixtureMessage(id));
    tx.objectStore('messages').put({ id: ids.length + 10_000, topic: 42, payload: 'not bytes' });
    tx.objectStore('settings').put({ id: 'saved', url: 'ws://127.0.0.1:1/mqtt' }, 'lastProfile');
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error ?? new Error('v1 write aborted'));
    });
    db.close();
  },
  /** Version, store names and the saved profile of a database, opened without upgrading it. */
  async describeDb(dbName: string) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const profile = await new Promise((resolve) => {
      const request = db.transaction('settings').objectStore('settings').get('lastProfile');
      request.onsuccess = () => resolve(request.result as unknown);
    });
    const out = { version: db.version, stores: Array.from(db.objectStoreNames).sort(), profile };
    db.close();
    return out;
  },
  /**
   * Puts incoming QoS 2 records with these sequence numbers (what mqtt.js stores at PUBLISH),
   * then appends fixture messages `ids` releasing `releases` ([seq, message id] pairs).
   * Resolves with how many messages were written.
   */
  async appendReleasing(key: string, put: number[], ids: number[], releases: [number, number][]) {
    const db = await stores.get(key)!.db();
    const scope = 'in|test';
    for (const seq of put) await db.put('qos', { scope, seq, messageId: seq, packet: {} });
    const batch = ids.map(fixtureMessage);
    const release = releases.map(([seq, id]) => ({ key: [scope, seq] as [string, number], id }));
    return storeOf(key).appendBatch(batch, { durability: 'strict', releases: release });
  },
  async latest(key: string) {
    return (await storeOf(key).latest()).map((m) => [m.topic, m.id] as const);
  },
};

declare global {
  interface Window {
    deckStore: typeof harness;
  }
}
window.deckStore = harness;
