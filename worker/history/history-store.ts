// Storage of received messages, batch-shaped, over the segment log: append a batch in one
// transaction, read a page newest first, one message by id, O(1) totals. Policy is history-writer's.
import { appendMessages, EMPTY_TOTALS } from './history-append';
import { STORES, TOTALS_KEY } from '../db/schema';
import type { DeckDb, HistoryTotals, QosRelease } from '../db/schema';
import { readSegmentPage, scanSegments } from './query/history-query';
import type { ScanVisit } from './query/history-query';
import { countSegments } from './query/history-count';
import { matchesAll, onlyTopics, prepareQuery } from './query/history-filter';
import { readConnectionLog } from './connection-log';
import type {
  ConnectionLogEntry,
  ConnectionLogQuery,
  HistoryCount,
  HistoryPage,
  HistoryQuery,
  MessageSummary,
  StoredMessage,
  TopicStat,
  TopLevelUsage,
} from '../../shared/protocol';
import { countTopics, readTopicStats, readTopLevelUsage } from './topic-stats';
import { CorruptSegmentError, openSegment } from '../db/segment/segment-codec';
import { indexOfId, messageAt } from '../db/segment/segment-read';
import { createTopicDictionary } from './topic-dictionary';
import type { TopicDictionary } from './topic-dictionary';

export interface HistoryStore {
  /** Stores a batch (ids increasing) in ONE readwrite transaction; resolves when it committed. */
  /** Resolves with how many were written: fewer when a QoS 2 message had been stored already. */
  appendBatch(messages: readonly StoredMessage[], options?: AppendOptions): Promise<number>;
  /** A page newest first; see HistoryPage.next for the bounded work per call. */
  readPage(query: HistoryQuery): Promise<HistoryPage>;
  get(id: number): Promise<StoredMessage | undefined>;
  count(): Promise<number>;
  /** The highest id stored, 0 when empty. */
  maxId(): Promise<number>;
  /** The newest message of each topic, in topic order. */
  latest(): Promise<MessageSummary[]>;
  /** One bounded step of counting the messages matching `query` (see HistoryCount). */
  countMatching(query: HistoryQuery): Promise<HistoryCount>;
  /** Every topic with its count, bytes and newest message, by name. */
  topicStats(): Promise<TopicStat[]>;
  topLevelUsage(): Promise<TopLevelUsage[]>;
  /** Connection events, newest first (connection-log.ts). */
  connectionLog(query: ConnectionLogQuery): Promise<ConnectionLogEntry[]>;
  /** The running totals (messages, payload bytes, segments, last id) as committed. */
  totals(): Promise<HistoryTotals>;
  /** Every segment with messages matching `query`, without a time budget (see scanSegments). */
  scan(
    query: HistoryQuery,
    order: 'oldest-first' | 'newest-first',
    visit: (segment: ScanVisit) => boolean | void | Promise<boolean | void>,
    signal?: AbortSignal,
  ): Promise<void>;
}

export interface AppendOptions {
  /** Overrides the store's durability ('strict' when an acknowledgement waits on the commit). */
  durability?: IDBTransactionDurability;
  /** Incoming QoS 2 records deleted in the same transaction. */
  releases?: readonly QosRelease[];
}

export interface HistoryStoreOptions {
  /**
   * Default 'relaxed': a commit is reported once the OS holds the data, without a flush to disk.
   * Measured here, 'strict' cost no ingest rate (one commit per 2,000 messages); on real disks it
   * adds a flush per commit, and a power cut losing the last seconds of history is acceptable.
   * Whatever must survive a power cut before it is acknowledged should use 'strict'.
   */
  durability?: IDBTransactionDurability;
  /** Work per readPage call before it returns what it found with a `next` position. */
  pageBudgetMs?: number;
}

export const PAGE_BUDGET_MS = 100;

/** A segment names a topic id the dictionary lacks: retried once, then it is damage. */
class UnknownTopicError extends CorruptSegmentError {
  constructor(id: number) {
    super(`History segment is damaged: it names topic ${id}, which the topic dictionary lacks.`);
  }
}

export function createHistoryStore(
  db: () => Promise<DeckDb>,
  options: HistoryStoreOptions = {},
): HistoryStore {
  const durability = options.durability ?? 'relaxed';
  let loading: Promise<TopicDictionary> | undefined;
  // The dictionary is read once and then kept current by our own appends; reloaded when a
  // segment names an id we do not know (another tab wrote it), or after a failed load.
  const dictionary = (reload = false) => {
    if (reload) loading = undefined;
    loading ??= db()
      .then((d) => d.getAll(STORES.topics))
      .then(createTopicDictionary)
      .catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
    return loading;
  };
  const totals = async () => (await (await db()).get(STORES.meta, TOTALS_KEY)) ?? EMPTY_TOTALS;

  /** Another tab may have added topics a filter should match: the dictionary's size says. */
  async function freshDictionary(): Promise<TopicDictionary> {
    const [dict, known] = await Promise.all([dictionary(), (await db()).count(STORES.topics)]);
    return known === dict.size() ? dict : dictionary(true);
  }

  /** Runs a read with topic names; once more with a fresh dictionary if a segment names a new id. */
  async function withNames<T>(
    read: (dict: TopicDictionary, name: (id: number) => string) => Promise<T>,
  ): Promise<T> {
    const attempt = (dict: TopicDictionary) =>
      read(dict, (id) => {
        const topic = dict.topicOf(id);
        if (topic === undefined) throw new UnknownTopicError(id);
        return topic;
      });
    try {
      return await attempt(await dictionary());
    } catch (error) {
      if (!(error instanceof UnknownTopicError)) throw error;
      return attempt(await dictionary(true));
    }
  }

  return {
    async appendBatch(messages, append = {}) {
      const mode = append.durability ?? durability;
      return appendMessages(await db(), await dictionary(), messages, mode, append.releases);
    },

    async readPage(query) {
      if (query.topicFilter) await freshDictionary();
      return withNames(async (dict, topicName) =>
        readSegmentPage(
          {
            db: await db(),
            dictionary: dict,
            topicName,
            budgetMs: options.pageBudgetMs ?? PAGE_BUDGET_MS,
            now: () => performance.now(),
          },
          query,
        ),
      );
    },

    get(id) {
      return withNames(async (_dict, topicName) => {
        const tx = (await db()).transaction(STORES.segments);
        tx.done.catch(() => undefined); // read-only: a failure surfaces through the cursor
        const cursor = await tx.store.openCursor(IDBKeyRange.upperBound(id), 'prev');
        const record = cursor?.value;
        if (!record || id > record.lastId) return undefined;
        const view = openSegment(record.data);
        const i = indexOfId(view, id);
        return i < 0 ? undefined : messageAt(view, i, topicName(view.topicIds[i]!));
      });
    },

    async scan(query, order, visit, signal) {
      const dict = await freshDictionary();
      const topicName = (id: number) => {
        const topic = dict.topicOf(id);
        if (topic === undefined) throw new UnknownTopicError(id);
        return topic;
      };
      await scanSegments(
        { db: await db(), dictionary: dict, topicName },
        query,
        order,
        visit,
        signal,
      );
    },

    totals,
    count: async () => (await totals()).messages,
    maxId: async () => (await totals()).lastId,

    async countMatching(query) {
      const q = prepareQuery({ ...query, limit: 0 });
      // Without conditions the running totals are the count: O(1), exact as committed.
      if (matchesAll(q) && q.before === Infinity) return { count: (await totals()).messages };
      const dict = q.topicFilter ? await freshDictionary() : await dictionary();
      // Only a topic filter: the per-topic counts kept with each append and prune add up to it.
      if (onlyTopics(q) && q.before === Infinity && q.topicFilter !== undefined) {
        return { count: await countTopics(await db(), dict.select(q.topicFilter).mask) };
      }
      const budgetMs = options.pageBudgetMs ?? PAGE_BUDGET_MS;
      const now = () => performance.now();
      return countSegments({ db: await db(), dictionary: dict, budgetMs, now }, query);
    },

    topicStats: async () => readTopicStats(await db()),
    topLevelUsage: async () => readTopLevelUsage(await db()),
    connectionLog: async (query) => readConnectionLog(await db(), query),

    async latest() {
      const buckets = await (await db()).getAll(STORES.latest);
      return buckets.flatMap((b) =>
        b.entries.map(({ topicId: _t, count: _c, bytes: _b, ...summary }) => summary),
      );
    },
  };
}
