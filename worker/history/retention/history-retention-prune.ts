// One small pruning step: deletes up to a few of the oldest segments in ONE readwrite transaction
// with the totals and latest values that follow. Never touches `qos`, `outbox` or `topics`.
import type { IDBPObjectStore } from 'idb';
import { EMPTY_TOTALS } from '../history-append';
import { CONNECTION_LOG_INDEXES, SEGMENT_INDEXES, STORES, TOTALS_KEY } from '../../db/schema';
import type { DeckDb, DeckDbSchema, HistoryTotals, LatestRecord } from '../../db/schema';
import { CorruptSegmentError, openSegment } from '../../db/segment/segment-codec';
import { topicAmounts } from '../../db/segment/segment-read';
import { shouldPrune } from './history-retention-policy';
import type { PruneLimits } from './history-retention-policy';

// Topic ids are kept even when no message names them any more: another tab's cached dictionary
// may still map an id, and a deleted highest id would be handed out again for another topic.
const PRUNE_STORES = [STORES.segments, STORES.latest, STORES.meta, STORES.connectionLog] as const;
/** Connection log entries past the age limit deleted in one step (the log is small anyway). */
const LOG_ENTRIES_PER_STEP = 1_000;

export interface PruneStep {
  messages: number;
  bytes: number;
  segments: number;
  /** History is within the limits (false: this step hit its segment cap, run another). */
  done: boolean;
}

/**
 * Deletes the oldest segments while history is over `limits`, at most `maxSegments` of them, and
 * resolves once that committed. A step holds the segment store only for a few deletes, so an
 * append waiting behind it is delayed by milliseconds.
 */
export async function pruneStep(
  db: DeckDb,
  limits: PruneLimits,
  maxSegments: number,
): Promise<PruneStep> {
  const tx = db.transaction(PRUNE_STORES, 'readwrite');
  const step: PruneStep = { messages: 0, bytes: 0, segments: 0, done: false };
  try {
    const meta = tx.objectStore(STORES.meta);
    const totals: HistoryTotals = (await meta.get(TOTALS_KEY)) ?? EMPTY_TOTALS;
    const held = { messages: totals.messages, bytes: totals.bytes };
    let lastPruned = -1;
    const amounts: TopicAmounts = new Map();
    let cursor = await tx.objectStore(STORES.segments).openCursor();
    for (;;) {
      if (!cursor) {
        step.done = true;
        break;
      }
      const s = cursor.value;
      const summary = { ...s, messages: s.count };
      if (!shouldPrune(summary, held, limits)) {
        step.done = true;
        break;
      }
      if (step.segments >= maxSegments) break;
      void cursor.delete();
      countTopics(s.data, amounts);
      lastPruned = s.lastId;
      held.messages -= s.count;
      held.bytes -= s.bytes;
      step.messages += s.count;
      step.bytes += s.bytes;
      step.segments += 1;
      cursor = await cursor.continue();
    }
    if (step.segments > 0) {
      void meta.put(
        {
          messages: Math.max(0, totals.messages - step.messages),
          bytes: Math.max(0, totals.bytes - step.bytes),
          segments: Math.max(0, totals.segments - step.segments),
          lastId: totals.lastId,
        },
        TOTALS_KEY,
      );
      await dropLatest(tx.objectStore(STORES.latest), lastPruned, amounts);
    }
    // The connection log follows the age limit; its size is bounded where it is written.
    const log = tx.objectStore(STORES.connectionLog).index(CONNECTION_LOG_INDEXES.byTime);
    const old = IDBKeyRange.upperBound(limits.cutoffTime, true);
    let deleted = 0;
    for (let c = await log.openCursor(old); c; c = await c.continue()) {
      if (deleted === LOG_ENTRIES_PER_STEP) {
        step.done = false;
        break;
      }
      void c.delete();
      deleted += 1;
    }
    await tx.done;
    return step;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    tx.done.catch(() => undefined);
    throw error;
  }
}

type LatestStore = IDBPObjectStore<DeckDbSchema, typeof PRUNE_STORES, 'latest', 'readwrite'>;

type TopicAmounts = Map<number, { count: number; bytes: number }>;

/** Adds a pruned segment's per-topic amounts; a damaged one is dropped without them. */
function countTopics(data: ArrayBuffer, amounts: TopicAmounts): void {
  try {
    topicAmounts(openSegment(data), amounts);
  } catch (error) {
    if (!(error instanceof CorruptSegmentError)) throw error;
  }
}

/**
 * A topic's latest value goes with its message (what `latest` lists stays in history), and its
 * count and bytes lose what was pruned.
 */
async function dropLatest(
  latest: LatestStore,
  lastPrunedId: number,
  amounts: TopicAmounts,
): Promise<void> {
  for (const bucket of await latest.getAll()) {
    let changed = false;
    const entries: LatestRecord[] = [];
    for (const entry of bucket.entries) {
      const gone = amounts.get(entry.topicId);
      if (entry.id <= lastPrunedId) {
        changed = true;
        continue;
      }
      if (!gone) {
        entries.push(entry);
        continue;
      }
      changed = true;
      const count = Math.max(0, (entry.count ?? 0) - gone.count);
      entries.push({ ...entry, count, bytes: Math.max(0, (entry.bytes ?? 0) - gone.bytes) });
    }
    if (!changed) continue;
    if (entries.length === 0) void latest.delete(bucket.bucket);
    else void latest.put({ ...bucket, entries });
  }
}

/**
 * Whether a prune has anything to do, read-only and without loading a segment: the totals and
 * the smallest newest-message time (first key of byMaxTime). Most checks end here.
 */
export async function needsPrune(db: DeckDb, limits: PruneLimits): Promise<boolean> {
  const tx = db.transaction([STORES.meta, STORES.segments, STORES.connectionLog]);
  tx.done.catch(() => undefined); // read-only: a failure surfaces through the requests
  const [totals, oldest, oldestLog] = await Promise.all([
    tx.objectStore(STORES.meta).get(TOTALS_KEY),
    tx.objectStore(STORES.segments).index(SEGMENT_INDEXES.byMaxTime).openKeyCursor(),
    tx.objectStore(STORES.connectionLog).index(CONNECTION_LOG_INDEXES.byTime).openKeyCursor(),
  ]);
  if (oldestLog && oldestLog.key < limits.cutoffTime) return true;
  if (!totals || !oldest) return false;
  const held = { messages: totals.messages, bytes: totals.bytes };
  const summary = { firstId: 0, lastId: 0, messages: 0, bytes: 0, maxTime: oldest.key };
  return shouldPrune(summary, held, limits);
}

/** Receive time of the oldest stored message: the byMinTime index's first key, no values read. */
export async function oldestTime(db: DeckDb): Promise<number | undefined> {
  const tx = db.transaction(STORES.segments);
  tx.done.catch(() => undefined); // read-only: a failure surfaces through the cursor
  const cursor = await tx.store.index(SEGMENT_INDEXES.byMinTime).openKeyCursor();
  return cursor?.key;
}
