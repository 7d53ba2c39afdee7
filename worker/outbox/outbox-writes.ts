// The outbox's batching: state changes and deletions coalesced into one IndexedDB transaction
// every few milliseconds (strict when it holds new publishes), and into one UI event per 50 ms,
// so a burst of a thousand publishes costs a handful of transactions, not thousands.
import type { OutboxDb } from './outbox-db';
import { isFinished, toEntry } from './outbox-rules';
import type { OutboxRow } from './outbox-rules';
import type { OutboxEntry, OutboxEvent } from '../../shared/protocol';

/** Long enough to gather a burst of API calls, short enough not to delay a single publish. */
const FLUSH_DELAY_MS = 4;
const RETRY_DELAY_MS = 1_000;
const EVENT_INTERVAL_MS = 50;

export interface WritesDeps {
  db: OutboxDb;
  row(seq: number): OutboxRow | undefined;
  emit(event: OutboxEvent): void;
  /** A batch that finished entries committed (time to prune). */
  afterCommit(): void;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export function createOutboxWrites(deps: WritesDeps) {
  const dirty = new Set<number>();
  const deleted = new Set<number>();
  const fresh = new Map<number, Waiter>();
  const changed = new Set<number>();
  const removed = new Set<number>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let eventTimer: ReturnType<typeof setTimeout> | undefined;

  function schedule(delayMs = FLUSH_DELAY_MS): void {
    flushTimer ??= setTimeout(() => void flush(), delayMs);
  }

  function notify(): void {
    eventTimer ??= setTimeout(() => {
      eventTimer = undefined;
      const entries: OutboxEntry[] = [];
      for (const seq of changed) {
        const row = deps.row(seq);
        if (row) entries.push(toEntry(row));
      }
      const event: OutboxEvent = { type: 'outbox', entries, removed: [...removed] };
      changed.clear();
      removed.clear();
      if (event.entries.length > 0 || event.removed.length > 0) deps.emit(event);
    }, EVENT_INTERVAL_MS);
  }

  async function flush(): Promise<void> {
    flushTimer = undefined;
    const seqs = [...dirty];
    dirty.clear();
    const puts = seqs.flatMap((seq) => {
      const row = deps.row(seq);
      return row ? [{ ...row }] : [];
    });
    const deletes = [...deleted];
    deleted.clear();
    const waiters = new Map<number, Waiter>();
    for (const seq of seqs) {
      const waiter = fresh.get(seq);
      if (!waiter) continue;
      fresh.delete(seq);
      waiters.set(seq, waiter);
    }
    try {
      await deps.db.write(puts, deletes, new Set(waiters.keys()));
      for (const waiter of waiters.values()) waiter.resolve();
      if (puts.some((row) => isFinished(row.state))) deps.afterCommit();
    } catch (error) {
      for (const waiter of waiters.values()) waiter.reject(error);
      // State changes are tried again; a new publish that failed is the caller's to drop.
      for (const row of puts) if (!waiters.has(row.seq)) dirty.add(row.seq);
      for (const seq of deletes) deleted.add(seq);
      schedule(RETRY_DELAY_MS);
    }
  }

  /** The row changed: write it in the next batch, tell the UI. */
  function put(seq: number): void {
    dirty.add(seq);
    changed.add(seq);
    schedule();
    notify();
  }

  return {
    put,
    /** A new row: resolves once its 'queued' record committed (strict), rejects if it failed. */
    add(seq: number): Promise<void> {
      const committed = new Promise<void>((resolve, reject) => fresh.set(seq, { resolve, reject }));
      put(seq);
      return committed;
    },
    /** The QoS store's transaction writes this row: nothing to write here, only to tell the UI. */
    storedElsewhere(seq: number): void {
      dirty.delete(seq);
      changed.add(seq);
      notify();
    },
    /** A new row whose 'queued' write failed: only the UI has to forget it. */
    forget(seq: number): void {
      changed.delete(seq);
      removed.add(seq);
      notify();
    },
    remove(seqs: readonly number[]): void {
      for (const seq of seqs) {
        dirty.delete(seq);
        changed.delete(seq);
        deleted.add(seq);
        removed.add(seq);
        // A cancelled publish still waiting for its commit: it will be written by no one.
        fresh.get(seq)?.resolve();
        fresh.delete(seq);
      }
      schedule();
      notify();
    },
  };
}
