// Which segments a history query has to open, newest first: every segment, those holding one of a
// few topics (merged cursors over the multiEntry topic index), or those overlapping a time range.
import type { IDBPTransaction } from 'idb';
import { SEGMENT_INDEXES } from './history-schema';
import type { DeckDbSchema, STORES } from './history-schema';

export type ReadTx = IDBPTransaction<DeckDbSchema, [typeof STORES.segments], 'readonly'>;

/** First ids of the segments below `before`, newest first. */
export async function* allSegments(tx: ReadTx, before: number): AsyncGenerator<number> {
  const range = before < Infinity ? IDBKeyRange.upperBound(before, true) : null;
  for (let c = await tx.store.openKeyCursor(range, 'prev'); c; c = await c.continue()) {
    yield c.primaryKey;
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
