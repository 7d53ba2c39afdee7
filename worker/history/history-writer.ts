// History policy: buffers received messages and writes them as segments (never one transaction
// per message, never before the database is open), retries failed batches with backoff while
// keeping them in memory (bounded), and reports what is stored, or why storing fails.
import { ACK_FLUSH_DELAY_MS, ACK_MAX_FAILURES, createAckCollector } from './history-acks';
import { mergeBatches, refuseWaiters } from './history-acks';
import type { HistoryBatch } from './history-acks';
import { matchesMessage, prepareQuery } from './query/history-filter';
import type { QosRecordKey } from '../db/schema';
import type { HistoryStore } from './history-store';
import { toSummary } from '../db/message-summary';
import { createBatcher, NATIVE_TIMER } from '../events/message-batcher';
import type { BatchTimer } from '../events/message-batcher';
import type {
  DeckError,
  HistoryEvent,
  HistoryPage,
  HistoryQuery,
  MessageSummary,
  StoredMessage,
} from '../../shared/protocol';
import { backoffDelayMs } from '../session/reconnect-backoff';
import { isQuotaError, storageError } from './storage-error';
import type { BackoffPolicy } from '../session/reconnect-backoff';

// A batch becomes one segment (more when its payloads are big). Storage cost is per record and
// per index entry, so fewer, fuller segments store faster; 250 ms bounds what a crash can lose.
export const HISTORY_BATCH_MAX_MESSAGES = 2_000;
export const HISTORY_BATCH_MAX_DELAY_MS = 250;
// Batches that queued up while a write was running go out together, in one transaction.
const WRITE_MAX_MESSAGES = 10_000;
// While writes fail, unwritten messages wait in memory up to these bounds; later ones are dropped.
const MAX_UNWRITTEN_MESSAGES = 100_000;
const MAX_UNWRITTEN_BYTES = 256 * 1024 * 1024;
const WRITE_RETRY: BackoffPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  multiplier: 2,
  jitterRatio: 0.2,
};

export interface HistoryWriterDeps {
  store: HistoryStore;
  onEvent(event: HistoryEvent): void;
  timer?: BatchTimer;
  retry?: BackoffPolicy;
  /** A batch of `messages`, `bytes` of payload, committed (retention counts what was written). */
  onCommitted?(messages: number, bytes: number): void;
  /** A write failed on the storage quota: the first response is pruning to the policy. */
  onQuotaExceeded?(): void;
}

export interface HistoryWriter {
  /** Opens storage and reads where history stands; no write happens before storage is open. */
  start(): Promise<{ maxId: number; count: number }>;
  /**
   * Takes one received message. QoS 0 returns nothing (no promise on the hot path); QoS 1/2
   * returns a promise that resolves once the message's segment committed ('strict') and rejects
   * when it could not be stored: the message must then stay unacknowledged. `release` names
   * the incoming QoS 2 record to delete in the same transaction.
   */
  append(message: StoredMessage, release?: QosRecordKey): void | Promise<void>;
  get(id: number): Promise<StoredMessage | undefined>;
  /** A page of history, including messages not written yet. */
  readPage(query: HistoryQuery): Promise<HistoryPage>;
  stored(): number;
  error(): DeckError | undefined;
  /** Retention deleted `messages` stored ones. */
  pruned(messages: number): void;
  /** Space may be free again (pruned, or the quota grew): retry a failing write now. */
  retryNow(): void;
  /** Resolves once everything accepted so far has been written (or was given up on). */
  idle(): Promise<void>;
}

export function createHistoryWriter(deps: HistoryWriterDeps): HistoryWriter {
  const timer = deps.timer ?? NATIVE_TIMER;
  const unwritten = new Map<number, StoredMessage>();
  const queue: HistoryBatch[] = [];
  const acks = createAckCollector();
  let ackTimer: unknown = null;
  let unwrittenBytes = 0;
  let stored = 0;
  let dropped = 0;
  let lastError: DeckError | undefined;
  let writing: Promise<void> | undefined;

  const report = () => {
    const event: HistoryEvent = { type: 'history', stored };
    if (lastError) event.error = lastError;
    deps.onEvent(event);
  };

  const batcher = createBatcher<StoredMessage>({
    maxItems: HISTORY_BATCH_MAX_MESSAGES,
    maxDelayMs: HISTORY_BATCH_MAX_DELAY_MS,
    timer,
    onFlush(messages) {
      if (ackTimer !== null) timer.clear(ackTimer);
      ackTimer = null;
      queue.push(acks.take(messages));
      writing ??= drain().finally(() => (writing = undefined));
    },
  });

  // The backoff between failed writes; retryNow() cuts it short.
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const handle = timer.set(() => wake?.(), ms);
      wake = () => {
        timer.clear(handle);
        wake = undefined;
        resolve();
      };
    });

  // The open database, memoized; forgotten after a failure so the next write tries again.
  let opening: Promise<{ maxId: number; count: number }> | undefined;
  function ensureOpen(): Promise<{ maxId: number; count: number }> {
    opening ??= Promise.all([deps.store.maxId(), deps.store.count()]).then(
      ([maxId, count]) => {
        stored = count;
        return { maxId, count };
      },
      (error: unknown) => {
        opening = undefined;
        throw error;
      },
    );
    return opening;
  }

  async function drain(): Promise<void> {
    let failures = 0;
    while (queue.length > 0) {
      let taken = 1;
      let size = queue[0]!.messages.length;
      while (taken < queue.length && size + queue[taken]!.messages.length <= WRITE_MAX_MESSAGES) {
        size += queue[taken]!.messages.length;
        taken += 1;
      }
      const { messages, waiters, releases } = mergeBatches(queue.slice(0, taken));
      try {
        await ensureOpen();
        // What an acknowledgement depends on is flushed to disk before the commit is reported.
        const durability = waiters.length > 0 ? 'strict' : undefined;
        const written = await deps.store.appendBatch(
          messages,
          durability ? { durability, releases } : {},
        );
        queue.splice(0, taken);
        const bytes = forget(messages);
        stored += written;
        failures = 0;
        lastError = undefined;
        for (const waiter of waiters) waiter.resolve();
        report();
        deps.onCommitted?.(written, bytes);
      } catch (error) {
        failures += 1;
        fail(error);
        if (failures >= ACK_MAX_FAILURES && waiters.length > 0) {
          forget(refuseWaiters(queue.slice(0, taken), error));
          while (queue[0]?.messages.length === 0) queue.shift();
        }
        await sleep(backoffDelayMs(failures, deps.retry ?? WRITE_RETRY));
      }
    }
  }

  /** Drops messages from the unwritten set; returns their payload bytes. */
  function forget(messages: readonly StoredMessage[]): number {
    let bytes = 0;
    for (const message of messages) {
      unwritten.delete(message.id);
      bytes += message.size;
    }
    unwrittenBytes -= bytes;
    return bytes;
  }

  function fail(error: unknown): void {
    lastError = storageError(error, unwritten.size, dropped);
    report();
    if (isQuotaError(error)) deps.onQuotaExceeded?.();
  }

  return {
    start() {
      return ensureOpen().then(
        (where) => {
          report();
          return where;
        },
        (error: unknown) => {
          fail(error);
          throw error;
        },
      );
    },

    append(message, release) {
      if (
        unwritten.size >= MAX_UNWRITTEN_MESSAGES ||
        unwrittenBytes + message.size > MAX_UNWRITTEN_BYTES
      ) {
        if (message.qos > 0) return Promise.reject(new Error('History is full: not stored.'));
        dropped += 1;
        return;
      }
      unwritten.set(message.id, message);
      unwrittenBytes += message.size;
      if (message.qos === 0) {
        batcher.push(message);
        return;
      }
      const committed = acks.wait(release && { key: release, id: message.id });
      batcher.push(message); // may flush at once, taking the waiter just registered
      if (ackTimer === null && batcher.pending().length > 0) {
        ackTimer = timer.set(() => {
          ackTimer = null;
          batcher.flush();
        }, ACK_FLUSH_DELAY_MS);
      }
      return committed;
    },

    async get(id) {
      return unwritten.get(id) ?? (await deps.store.get(id));
    },

    async readPage(query) {
      let page: HistoryPage = { messages: [] };
      try {
        page = await deps.store.readPage(query);
      } catch {
        // Storage failing is reported through history events; show what is still in memory.
      }
      if (unwritten.size === 0) return page;
      // Unwritten messages are the newest: take the matching ones from the end, limit + 1 at most.
      const q = prepareQuery(query);
      const seen = new Set(page.messages.map((m) => m.id));
      const waiting: MessageSummary[] = [];
      const pending = [...unwritten.values()];
      for (let i = pending.length - 1; i >= 0 && waiting.length <= q.limit; i--) {
        const m = pending[i]!;
        if (!seen.has(m.id) && matchesMessage(q, m)) waiting.push(toSummary(m));
      }
      if (waiting.length === 0) return page;
      const merged = [...waiting, ...page.messages].sort((a, b) => b.id - a.id);
      const messages = merged.slice(0, q.limit);
      const last = messages.at(-1);
      if (merged.length > q.limit && last) return { messages, next: last.id };
      return page.next === undefined ? { messages } : { messages, next: page.next };
    },

    stored: () => stored,
    error: () => lastError,

    pruned(messages) {
      stored = Math.max(0, stored - messages);
      report();
    },

    retryNow: () => wake?.(),

    async idle() {
      batcher.flush();
      while (writing) await writing;
    },
  };
}
