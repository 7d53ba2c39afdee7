// The connection log (store `connectionLog`): the transitions a user reads as "disconnected
// 10:02:03 → connected 10:04:10", taken from the status events the worker emits, not every
// reconnect attempt; bounded in entries (and by retention's age, history-retention-prune.ts).
import { CONNECTION_LOG_INDEXES, STORES } from '../db/schema';
import type { ConnectionLogRecord, DeckDb } from '../db/schema';
import type { ConnectionLogEntry, ConnectionLogQuery, StatusEvent } from '../../shared/protocol';

/** Entries kept; past this the oldest are deleted as new ones are written. */
export const CONNECTION_LOG_MAX_ENTRIES = 100_000;
/** Entries one read returns at most. */
export const CONNECTION_LOG_READ_MAX = 1_000;

export type LogPhase = 'up' | 'down';
export type LogTransition = Omit<ConnectionLogRecord, 'connectionId' | 'seq'>;

function endReason(event: StatusEvent): string {
  if (event.error) return event.error.message;
  if (event.state === 'disconnected') return 'Disconnected by the user.';
  if (event.state === 'connecting') return 'Closed to connect again with new settings.';
  return 'The connection ended.';
}

/** The entry a status event makes after `phase`, if any, and the phase after it. Pure. */
export function logTransition(
  phase: LogPhase,
  event: StatusEvent,
  lastUrl: string,
): { phase: LogPhase; entry?: LogTransition } {
  const url = event.url ?? lastUrl;
  const at = { time: event.at, url };
  if (event.state === 'connected') {
    return phase === 'up' ? { phase } : { phase: 'up', entry: { ...at, kind: 'connected' } };
  }
  if (phase === 'up') {
    return { phase: 'down', entry: { ...at, kind: 'disconnected', reason: endReason(event) } };
  }
  // Not connected before: only a refusal is news (it is never retried, so each is an attempt).
  if (event.state === 'error') {
    const reason = event.error?.message ?? 'The connection was refused.';
    return { phase, entry: { ...at, kind: 'refused', reason } };
  }
  return { phase };
}

export interface ConnectionLogger {
  /** Every status event the worker emits (its own, not another tab's mirrored state). */
  observe(event: StatusEvent): void;
  /** Resolves once the entries observed so far are written (tests). */
  idle(): Promise<void>;
}

export function createConnectionLogger(
  db: () => Promise<DeckDb>,
  /** The connection of a status event that names none (the placeholder before any Connect). */
  fallbackId: () => string,
): ConnectionLogger {
  // Each connection has its own up/down phase and last URL: several are open at once.
  const phases = new Map<string, { phase: LogPhase; lastUrl: string }>();
  let writing: Promise<void> = Promise.resolve();
  return {
    observe(event) {
      if (event.elsewhere !== undefined) return;
      const connectionId = event.connectionId ?? fallbackId();
      const state = phases.get(connectionId) ?? { phase: 'down', lastUrl: '' };
      const step = logTransition(state.phase, event, state.lastUrl);
      phases.set(connectionId, { phase: step.phase, lastUrl: event.url ?? state.lastUrl });
      if (!step.entry) return;
      const record: ConnectionLogRecord = { ...step.entry, connectionId };
      // One at a time, in order; the log is a record for people, so a failed write is let go.
      writing = writing.then(() =>
        db()
          .then((d) => appendConnectionLog(d, record))
          .catch(() => {}),
      );
    },
    idle: () => writing,
  };
}

/** Adds one entry and deletes the oldest beyond CONNECTION_LOG_MAX_ENTRIES, in one transaction. */
export async function appendConnectionLog(
  db: DeckDb,
  record: ConnectionLogRecord,
  maxEntries = CONNECTION_LOG_MAX_ENTRIES,
): Promise<void> {
  const tx = db.transaction(STORES.connectionLog, 'readwrite');
  void tx.store.add(record);
  let excess = (await tx.store.count()) - maxEntries;
  for (let c = await tx.store.openCursor(); c && excess > 0; c = await c.continue()) {
    void c.delete();
    excess -= 1;
  }
  await tx.done;
}

function timeRange(from: number | undefined, to: number | undefined): IDBKeyRange | null {
  if (from !== undefined && to !== undefined) return IDBKeyRange.bound(from, to);
  if (from !== undefined) return IDBKeyRange.lowerBound(from);
  if (to !== undefined) return IDBKeyRange.upperBound(to);
  return null;
}

/** Entries within the time range (and below `before`), newest first, at most 1,000. */
export async function readConnectionLog(
  db: DeckDb,
  query: ConnectionLogQuery,
): Promise<ConnectionLogEntry[]> {
  const limit = Math.min(Math.max(0, Math.floor(query.limit)), CONNECTION_LOG_READ_MAX);
  const { from, to } = query;
  if (!(limit > 0) || (from !== undefined && to !== undefined && from > to)) return [];
  const tx = db.transaction(STORES.connectionLog);
  tx.done.catch(() => undefined); // read-only: a failure surfaces through the cursor
  const index = tx.store.index(CONNECTION_LOG_INDEXES.byTime);
  const before = query.before ?? Infinity;
  const entries: ConnectionLogEntry[] = [];
  const range = timeRange(from, to);
  for (let c = await index.openCursor(range, 'prev'); c; c = await c.continue()) {
    const seq = c.primaryKey;
    if (seq < before) entries.push({ ...c.value, seq });
    if (entries.length >= limit) break;
  }
  return entries;
}
