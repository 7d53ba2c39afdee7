// Seeds a chart from stored history when it starts, so after a restart its window shows the last
// minutes or hours at once, with bounded work: a quiet topic is read whole, a busy one sampled.
import type { HistoryPage, HistoryQuery, MessageSummary } from '../../shared/protocol';

/** The newest messages read in full first: a topic quieter than this per window is read whole. */
export const SEED_NEWEST_POINTS = 1_024;
/** Older than those, the rest of the window is sampled in this many spans… */
export const SEED_SPANS = 48;
/** …of at most this many messages each (so at most about 3,300 points per topic in all). */
export const SEED_POINTS_PER_SPAN = 48;
/** Each call does about 100 ms of work at most (then returns `next`): cap the calls per part. */
const SEED_CALLS_PER_PART = 4;

export type ReadHistory = (query: HistoryQuery) => Promise<HistoryPage>;

export interface SeedRange {
  topic: string;
  fromMs: number;
  toMs: number;
}

/**
 * Reads up to `limit` messages of `range`, newest first, following `next` for a few calls.
 * Returns the oldest time seen and whether the range was read to its end.
 */
async function readPart(
  read: ReadHistory,
  range: SeedRange,
  limit: number,
  take: (message: MessageSummary) => void,
  cancelled: () => boolean,
): Promise<{ count: number; oldest?: number; complete: boolean }> {
  let before: number | undefined;
  let count = 0;
  let oldest: number | undefined;
  for (let call = 0; call < SEED_CALLS_PER_PART && count < limit; call++) {
    if (cancelled()) return { count, oldest, complete: true };
    const query: HistoryQuery = {
      topicFilter: range.topic,
      from: range.fromMs,
      to: range.toMs,
      limit: limit - count,
    };
    if (before !== undefined) query.before = before;
    const page = await read(query);
    for (const message of page.messages) {
      take(message);
      oldest = message.time;
    }
    count += page.messages.length;
    if (page.next === undefined) return { count, oldest, complete: true };
    before = page.next;
  }
  return { count, oldest, complete: false };
}

/**
 * Hands `take` the stored messages of `range.topic` in [fromMs, toMs]: the newest
 * SEED_NEWEST_POINTS, then, if the window holds more, up to SEED_POINTS_PER_SPAN from each of
 * SEED_SPANS spans of what is left (newest span first). Returns how many it handed over.
 */
export async function seedFromHistory(
  read: ReadHistory,
  range: SeedRange,
  take: (message: MessageSummary) => void,
  cancelled: () => boolean = () => false,
): Promise<number> {
  const newest = await readPart(read, range, SEED_NEWEST_POINTS, take, cancelled);
  let total = newest.count;
  if (newest.complete || newest.oldest === undefined) return total;
  // The rest of the window, older than the newest part: strictly before its oldest time, so no
  // message is counted twice (messages at that very millisecond may be skipped: one slot's mean).
  const restTo = newest.oldest - 1;
  const spanMs = (restTo - range.fromMs) / SEED_SPANS;
  if (spanMs <= 0) return total;
  for (let s = SEED_SPANS - 1; s >= 0 && !cancelled(); s--) {
    const fromMs = Math.ceil(range.fromMs + s * spanMs);
    const toMs = s === SEED_SPANS - 1 ? restTo : Math.ceil(range.fromMs + (s + 1) * spanMs) - 1;
    if (toMs < fromMs) continue;
    const part = await readPart(
      read,
      { topic: range.topic, fromMs, toMs },
      SEED_POINTS_PER_SPAN,
      take,
      cancelled,
    );
    total += part.count;
  }
  return total;
}
