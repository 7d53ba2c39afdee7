// Bundled into a blank page by query-page.ts: the worker's history store and connection log over
// the page's real IndexedDB, driven through window.deckQuery with plain, cloneable arguments.
import { appendConnectionLog, createConnectionLogger } from '../../worker/connection-log';
import { createDbConnection } from '../../worker/history-db';
import { pruneStep } from '../../worker/history-retention-prune';
import { STORES } from '../../worker/history-schema';
import { createHistoryStore } from '../../worker/history-store';
import type { HistoryStore } from '../../worker/history-store';
import type { ConnectionLogQuery, HistoryQuery, StatusEvent } from '../../worker/protocol';
import {
  buildSegment,
  latestByBucket,
  latestOfBatch,
  mergeLatest,
} from '../../worker/segment-plan';
import { queryMessage, QUERY_TOPICS } from './query-fixture';

const stores = new Map<
  string,
  { db: ReturnType<typeof createDbConnection>; store: HistoryStore }
>();
const storeOf = (key: string) => {
  const entry = stores.get(key);
  if (!entry) throw new Error(`no store "${key}" opened`);
  return entry;
};

/** Resolves with an IDB request's result. */
const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('request failed'));
  });

const harness = {
  open(key: string, dbName: string, pageBudgetMs?: number) {
    const db = createDbConnection(dbName);
    const options = pageBudgetMs === undefined ? {} : { pageBudgetMs };
    stores.set(key, { db, store: createHistoryStore(db, options) });
  },
  async close(key: string) {
    await (await stores.get(key)?.db())?.close();
    stores.delete(key);
  },
  /** Appends fixture messages with these ids in batches of `batch`. */
  async append(key: string, ids: number[], batch: number) {
    for (let at = 0; at < ids.length; at += batch) {
      await storeOf(key).store.appendBatch(ids.slice(at, at + batch).map(queryMessage));
    }
  },
  /** Follows `next` to the end: the total, the number of calls, and any error. */
  async countAll(key: string, query: HistoryQuery) {
    let total = 0;
    let calls = 0;
    let before = query.before;
    for (;;) {
      const step = await storeOf(key).store.countMatching({ ...query, before });
      calls += 1;
      if (step.error) return { total, calls, error: step.error };
      total += step.count;
      if (step.next === undefined) return { total, calls };
      before = step.next;
    }
  },
  async readAllIds(key: string, query: HistoryQuery) {
    const ids: number[] = [];
    let before = query.before;
    for (;;) {
      const page = await storeOf(key).store.readPage({ ...query, before });
      if (page.error) return { ids, error: page.error };
      ids.push(...page.messages.map((m) => m.id));
      if (page.next === undefined) return { ids };
      before = page.next;
    }
  },
  async topicStats(key: string) {
    return (await storeOf(key).store.topicStats()).map((s) => ({
      ...s,
      preview: s.preview.byteLength,
    }));
  },
  topLevelUsage: (key: string) => storeOf(key).store.topLevelUsage(),
  /** One prune step down to `maxMessages` (whole oldest segments) and the age `cutoffTime`. */
  async prune(key: string, maxMessages: number, cutoffTime = 0) {
    const limits = { maxMessages, maxBytes: Infinity, maxStoredBytes: Infinity, cutoffTime };
    return pruneStep(await storeOf(key).db(), limits, 1_000);
  },
  /** A database as version 4 left it: segments, topics, latest values without counts, totals. */
  async createV4(dbName: string, ids: number[], batch: number) {
    const open = indexedDB.open(dbName, 4);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('settings');
      const segments = db.createObjectStore('segments', { keyPath: 'firstId' });
      segments.createIndex('byTopic', 'topics', { multiEntry: true });
      segments.createIndex('byMinTime', 'minTime');
      segments.createIndex('byMaxTime', 'maxTime');
      db.createObjectStore('topics', { keyPath: 'id' }).createIndex('byName', 'topic', {
        unique: true,
      });
      db.createObjectStore('latest', { keyPath: 'bucket' });
      db.createObjectStore('meta');
      const qos = db.createObjectStore('qos', { keyPath: ['scope', 'seq'] });
      qos.createIndex('byMessageId', ['scope', 'messageId'], { unique: true });
      const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('byConnection', ['connectionId', 'seq']);
      db.createObjectStore('dashboards', { keyPath: 'id' });
    };
    const db = await done(open);
    const tx = db.transaction(['segments', 'topics', 'latest', 'meta'], 'readwrite');
    QUERY_TOPICS.forEach((topic, id) => tx.objectStore('topics').put({ id, topic }));
    const latest = new Map<number, ReturnType<typeof latestOfBatch>[number]>();
    let bytes = 0;
    for (let at = 0; at < ids.length; at += batch) {
      const messages = ids.slice(at, at + batch).map(queryMessage);
      const topicIds = messages.map((m) => QUERY_TOPICS.indexOf(m.topic));
      const record = buildSegment(messages, topicIds, 0, messages.length);
      bytes += record.bytes;
      tx.objectStore('segments').put(record);
      for (const r of latestOfBatch(messages, topicIds)) latest.set(r.topicId, r);
    }
    for (const [bucket, records] of latestByBucket(latest.values())) {
      // Version 4 kept no counts: strip them.
      const entries = mergeLatest(bucket, undefined, records).entries.map(
        ({ count: _c, bytes: _b, ...rest }) => rest,
      );
      tx.objectStore('latest').put({ bucket, entries });
    }
    const totals = { messages: ids.length, bytes, segments: Math.ceil(ids.length / batch) };
    tx.objectStore('meta').put({ ...totals, lastId: ids.at(-1) ?? 0 }, 'totals');
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error ?? new Error('v4 write aborted'));
    });
    db.close();
  },
  /** A database as version 1 left it: one record per message. */
  async createV1(dbName: string, ids: number[]) {
    const open = indexedDB.open(dbName, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('messages', { keyPath: 'id' });
      open.result.createObjectStore('settings');
    };
    const db = await done(open);
    const tx = db.transaction('messages', 'readwrite');
    for (const id of ids) tx.objectStore('messages').put(queryMessage(id));
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error ?? new Error('v1 write aborted'));
    });
    db.close();
  },
  /** Feeds status events to a connection logger and waits until its entries are written. */
  async logStatuses(key: string, events: StatusEvent[]) {
    const logger = createConnectionLogger(storeOf(key).db, () => 'profile-1');
    for (const event of events) logger.observe(event);
    await logger.idle();
  },
  readLog: (key: string, query: ConnectionLogQuery) => storeOf(key).store.connectionLog(query),
  /** Writes `n` entries with a cap of `max`; resolves with the seqs kept. */
  async boundedLog(key: string, n: number, max: number) {
    const db = await storeOf(key).db();
    for (let i = 0; i < n; i++) {
      const record = { time: i, connectionId: 'p', url: 'ws://x', kind: 'connected' as const };
      await appendConnectionLog(db, record, max);
    }
    return db.getAllKeys(STORES.connectionLog);
  },
};

declare global {
  interface Window {
    deckQuery: typeof harness;
  }
}
window.deckQuery = harness;
