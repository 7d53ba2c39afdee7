// Which segments a history query has to open, newest first: every segment, those holding one of a
// few topics (merged cursors over the multiEntry topic index), or those overlapping a time range.
import type { IDBPTransaction } from 'idb';
import { SEGMENT_INDEXES } from '../../db/schema';
import type { DeckDbSchema, STORES } from '../../db/schema';

export type ReadTx = IDBPTransaction<DeckDbSchema, [typeof STORES.segments], 'readonly'>;

/** The first window of ids `allSegments` reads keys in: about 30 segments of 2,000 messages. */
const FIRST_WINDOW_IDS = 65_536;

/**
 * First ids of the segments below `before`, newest first. Keys come in windows of ids read with
 * one getAllKeys each, the window doubling every time: a cursor step is a round trip to the
 * browser's storage process (about 1.5 ms measured in Chromium), which made a text search over
 * 2,000-message segments spend 85 % of its time stepping; one getAllKeys of every key made the
 * newest page wait for all of them. Doubling gives the newest page in one small read and a whole
 * scan in a few dozen.
 */
export async function* allSegments(tx: ReadTx, before: number): AsyncGenerator<number> {
  const oldest = await tx.store.openKeyCursor(null, 'next');
  if (!oldest) return;
  const floor = oldest.primaryKey;
  let high = before < Infinity ? before : Number.MAX_SAFE_INTEGER;
  if (before === Infinity) {
    const newest = await tx.store.openKeyCursor(null, 'prev');
    high = (newest?.primaryKey ?? floor) + 1;
  }
  for (let window = FIRST_WINDOW_IDS; high > floor; window *= 2) {
    const low = Math.max(floor, high - window);
    const keys = await tx.store.getAllKeys(IDBKeyRange.bound(low, high, false, true));
    for (let i = keys.length - 1; i >= 0; i--) yield keys[i]!;
    high = low;
  }
}

/** First ids of the segments holding any of `topicIds`, below `before`, newest first, once each. */
export async function* topicSegments(
  tx: ReadTx,
  topicIds: readonly number[],
  before: number,
): AsyncGenerator<number> {
  const index = tx.store.index(SEGMENT_INDEXES.byTopic);
  const cursors = await Promise.all(
    topicIds.map(async (topicId) => {
      const cursor = await index.openKeyCursor(IDBKeyRange.only(topicId), 'prev');
      // Ids are integers, so "at most ceil(before) - 1" is "below before".
      const last = Math.ceil(before) - 1;
      if (!cursor || cursor.primaryKey <= last) return cursor;
      return cursor.continuePrimaryKey(topicId, last);
    }),
  );
  let live = cursors.filter((c) => c !== null);
  while (live.length > 0) {
    let newest = -Infinity;
    for (const c of live) newest = Math.max(newest, c.primaryKey);
    yield newest;
    // A segment holds many topics: step every cursor that stands on it.
    const stepped = await Promise.all(
      live.map((c) => (c.primaryKey === newest ? c.continue() : Promise.resolve(c))),
    );
    live = stepped.filter((c) => c !== null);
  }
}

/** First ids of the segments whose time span meets [from, to], below `before`, newest first. */
export async function timeSegments(
  tx: ReadTx,
  from: number,
  to: number,
  before: number,
): Promise<number[]> {
  const byMax = tx.store.index(SEGMENT_INDEXES.byMaxTime);
  const byMin = tx.store.index(SEGMENT_INDEXES.byMinTime);
  // Overlap means maxTime >= from and minTime <= to; clocks can step back, so ids do not order time.
  const [late, early] = await Promise.all([
    from > -Infinity ? byMax.getAllKeys(IDBKeyRange.lowerBound(from)) : undefined,
    to < Infinity ? byMin.getAllKeys(IDBKeyRange.upperBound(to)) : undefined,
  ]);
  let keys = late ?? early ?? [];
  if (late && early) {
    const earlySet = new Set(early);
    keys = late.filter((key) => earlySet.has(key));
  }
  return keys.filter((key) => key < before).sort((a, b) => b - a);
}
