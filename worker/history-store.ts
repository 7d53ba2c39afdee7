// Storage of received messages, batch-shaped: append a batch in one transaction, read a page
// newest first for an optional topic filter. Policy (when to write, retries) is history-writer's.
import type { DeckDb } from './history-db';
import { MESSAGE_INDEXES, STORES } from './history-db';
import { toSummary } from './incoming-message';
import { topicMatches } from './mqtt-topics';
import type { HistoryPage, HistoryQuery, StoredMessage } from './protocol';

export interface HistoryStore {
  /** Stores a batch in ONE readwrite transaction; resolves when it committed. */
  appendBatch(messages: readonly StoredMessage[]): Promise<void>;
  readPage(query: HistoryQuery): Promise<HistoryPage>;
  get(id: number): Promise<StoredMessage | undefined>;
  count(): Promise<number>;
  /** The highest id stored, 0 when empty. */
  maxId(): Promise<number>;
}

const hasWildcard = (filter: string) => filter.includes('+') || filter.includes('#');

export function createHistoryStore(db: () => Promise<DeckDb>): HistoryStore {
  return {
    async appendBatch(messages) {
      if (messages.length === 0) return;
      const tx = (await db()).transaction(STORES.messages, 'readwrite', { durability: 'relaxed' });
      // Awaiting the puts together with tx.done means an abort (quota!) rejects exactly once here.
      await Promise.all([...messages.map((message) => tx.store.put(message)), tx.done]);
    },

    async readPage({ topicFilter, before, limit }) {
      const tx = (await db()).transaction(STORES.messages, 'readonly');
      const upper = before ?? Infinity;
      // One more than asked tells whether a next page exists.
      const wanted = Math.max(0, limit) + 1;
      let ids: number[];
      if (topicFilter === undefined || topicFilter === '') {
        ids = [];
        const range = before === undefined ? null : IDBKeyRange.upperBound(before, true);
        let cursor = await tx.store.openKeyCursor(range, 'prev');
        while (cursor && ids.length < wanted) {
          ids.push(cursor.primaryKey);
          cursor = await cursor.continue();
        }
      } else {
        const index = tx.store.index(MESSAGE_INDEXES.byTopic);
        const topics: string[] = [];
        if (hasWildcard(topicFilter)) {
          // Visit each distinct topic once by jumping past the rest of its ids.
          let cursor = await index.openKeyCursor(null, 'next');
          while (cursor) {
            const [topic] = cursor.key;
            if (topicMatches(topicFilter, topic)) topics.push(topic);
            cursor = await cursor.continue([topic, Infinity]);
          }
        } else {
          topics.push(topicFilter);
        }
        ids = [];
        for (const topic of topics) {
          const range = IDBKeyRange.bound([topic, -Infinity], [topic, upper], false, true);
          let cursor = await index.openKeyCursor(range, 'prev');
          for (let n = 0; cursor && n < wanted; n++) {
            ids.push(cursor.primaryKey);
            cursor = await cursor.continue();
          }
        }
        ids = ids.sort((a, b) => b - a).slice(0, wanted);
      }
      const pageIds = ids.slice(0, limit);
      const records = await Promise.all(pageIds.map((id) => tx.store.get(id)));
      await tx.done;
      const messages = records.filter((r): r is StoredMessage => r !== undefined).map(toSummary);
      const last = pageIds.at(-1);
      return ids.length > limit && last !== undefined ? { messages, next: last } : { messages };
    },

    async get(id) {
      return (await db()).get(STORES.messages, id);
    },

    async count() {
      return (await db()).count(STORES.messages);
    },

    async maxId() {
      const cursor = await (
        await db()
      )
        .transaction(STORES.messages)
        .store.openKeyCursor(null, 'prev');
      return cursor?.primaryKey ?? 0;
    },
  };
}
