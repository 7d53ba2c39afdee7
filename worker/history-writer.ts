// History policy: buffers received messages and writes them as segments (never one transaction
// per message, never before the database is open), retries failed batches with backoff while
// keeping them in memory (bounded), and reports what is stored, or why storing fails.
import { matchesMessage, prepareQuery } from './history-filter';
import type { HistoryStore } from './history-store';
import { toSummary } from './incoming-message';
import { createBatcher, NATIVE_TIMER } from './message-batcher';
import type { BatchTimer } from './message-batcher';
import type {
  DeckError,
  HistoryEvent,
  HistoryPage,
  HistoryQuery,
  MessageSummary,
  StoredMessage,
} from './protocol';
import { backoffDelayMs } from './reconnect-backoff';
import type { BackoffPolicy } from './reconnect-backoff';

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
}

export interface HistoryWriter {
  /** Opens storage and reads where history stands; no write happens before storage is open. */
  start(): Promise<{ maxId: number; count: number }>;
  /** Takes one received message (the session's MessageSink). */
  append(message: StoredMessage): void;
  get(id: number): Promise<StoredMessage | undefined>;
  /** A page of history, including messages not written yet. */
  readPage(query: HistoryQuery): Promise<HistoryPage>;
  stored(): number;
  error(): DeckError | undefined;
  /** Resolves once everything accepted so far has been written (or was given up on). */
  idle(): Promise<void>;
}

export function storageError(error: unknown, waiting: number): DeckError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError') {
    return {
      code: 'storage',
      message: `Storage is full: the browser refused to save more history. ${waiting.toLocaleString('en')} messages wait in memory and are saved once space is freed.`,
    };
  }
  return { code: 'storage', message: `Could not save history (${name || 'error'}: ${detail}).` };
}

export function createHistoryWriter(deps: HistoryWriterDeps): HistoryWriter {
  const timer = deps.timer ?? NATIVE_TIMER;
  const unwritten = new Map<number, StoredMessage>();
  const queue: StoredMessage[][] = [];
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
    onFlush(batch) {
      queue.push(batch);
      writing ??= drain().finally(() => (writing = undefined));
    },
  });

  const sleep = (ms: number) => new Promise<void>((resolve) => timer.set(resolve, ms));

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
      let size = queue[0]!.length;
      while (taken < queue.length && size + queue[taken]!.length <= WRITE_MAX_MESSAGES) {
        size += queue[taken]!.length;
        taken += 1;
      }
      const batch = taken === 1 ? queue[0]! : queue.slice(0, taken).flat();
      try {
        await ensureOpen();
        await deps.store.appendBatch(batch);
        queue.splice(0, taken);
        for (const message of batch) {
          unwritten.delete(message.id);
          unwrittenBytes -= message.size;
        }
        stored += batch.length;
        failures = 0;
        lastError = undefined;
        report();
      } catch (error) {
        failures += 1;
        fail(error);
        await sleep(backoffDelayMs(failures, deps.retry ?? WRITE_RETRY));
      }
    }
  }

  function fail(error: unknown): void {
    lastError = storageError(error, unwritten.size);
    if (dropped > 0) {
      lastError.message += ` ${dropped.toLocaleString('en')} messages could not be kept.`;
    }
    report();
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

    append(message) {
      if (
        unwritten.size >= MAX_UNWRITTEN_MESSAGES ||
        unwrittenBytes + message.size > MAX_UNWRITTEN_BYTES
      ) {
        dropped += 1;
        return;
      }
      unwritten.set(message.id, message);
      unwrittenBytes += message.size;
      batcher.push(message);
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

    async idle() {
      batcher.flush();
      while (writing) await writing;
    },
  };
}
