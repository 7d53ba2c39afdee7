// Which segments a history query has to open, newest first: every segment, those holding one of a
// few topics (the multiEntry topic index), or those overlapping a time range.
import type { IDBPTransaction } from 'idb';
import { SEGMENT_INDEXES } from './history-schema';
import type { DeckDbSchema, STORES } from './history-schema';

export type ReadTx = IDBPTransaction<DeckDbSchema, [typeof STORES.segments], 'readonly'>;

// Keys are read in one getAllKeys call, not a cursor: each cursor step is a round trip to the
// browser's storage process (about 1.5 ms measured in Chromium), which made a text search over
// 2,000-message segments spend 85 % of its time stepping cursors. A segment key is a number per
// 2,000 to 4,096 messages, so even 100M stored messages are 50,000 keys.

/** First ids of the segments below `before`, newest first. */
export async function* allSegments(tx: ReadTx, before: number): AsyncGenerator<number> {
  const range = before < Infinity ? IDBKeyRange.upperBound(before, true) : null;
  const keys = await tx.store.getAllKeys(range);
  for (let i = keys.length - 1; i >= 0; i--) yield keys[i]!;
}

/** First ids of the segments holding any of `topicIds`, below `before`, newest first, once each. */
export async function* topicSegments(
  tx: ReadTx,
  topicIds: readonly number[],
  before: number,
): AsyncGenerator<number> {
  const index = tx.store.index(SEGMENT_INDEXES.byTopic);
  const perTopic = await Promise.all(
    topicIds.map((topicId) => index.getAllKeys(IDBKeyRange.only(topicId))),
  );
  // A segment holds many topics: each key once, newest first.
  const keys = [...new Set(perTopic.flat())].filter((key) => key < before).sort((a, b) => b - a);
  yield* keys;
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
