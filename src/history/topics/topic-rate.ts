// Messages per minute per tree node over the last 60 s (live history only): a small ring of 5-s
// buckets per node that received something, so a rate costs 12 numbers, not a list of times.

export const RATE_BUCKET_MS = 5_000;
export const RATE_WINDOW_MS = 60_000;
const BUCKETS = RATE_WINDOW_MS / RATE_BUCKET_MS;

interface RateWindow {
  /** Which 5-s bucket (time / RATE_BUCKET_MS) each slot counts, and its count. */
  slots: Float64Array;
  counts: Uint32Array;
}

/** What a rate is counted on: a tree node and its ancestors (the root has depth -1). */
export interface RatedNode {
  topic: string;
  depth: number;
  parent?: RatedNode | undefined;
}

/** Rate windows by node topic. */
export type RateWindows = Map<string, RateWindow>;

/** Counts one message at `now` on `node` and every ancestor. */
export function recordRate(rates: RateWindows, node: RatedNode, now: number): void {
  const bucket = Math.floor(now / RATE_BUCKET_MS);
  const slot = bucket % BUCKETS;
  for (let n: RatedNode | undefined = node; n && n.depth >= 0; n = n.parent) {
    let w = rates.get(n.topic);
    if (!w) {
      w = { slots: new Float64Array(BUCKETS).fill(-1), counts: new Uint32Array(BUCKETS) };
      rates.set(n.topic, w);
    }
    if (w.slots[slot] !== bucket) {
      w.slots[slot] = bucket;
      w.counts[slot] = 0;
    }
    w.counts[slot]! += 1;
  }
}

/**
 * Messages in the last minute at `now` (the current bucket and the 11 before it, so 55 to 60 s
 * of arrivals): 0 when nothing arrived.
 */
export function ratePerMinute(rates: RateWindows | undefined, topic: string, now: number): number {
  const w = rates?.get(topic);
  if (!w) return 0;
  const bucket = Math.floor(now / RATE_BUCKET_MS);
  let sum = 0;
  for (let i = 0; i < BUCKETS; i++) {
    const b = w.slots[i]!;
    if (b > bucket - BUCKETS && b <= bucket) sum += w.counts[i]!;
  }
  return sum;
}

/** Drops the windows with nothing in the last minute, so quiet topics cost nothing. */
export function pruneRates(rates: RateWindows, now: number): void {
  for (const [topic, w] of rates) {
    const bucket = Math.floor(now / RATE_BUCKET_MS);
    if (!w.slots.some((b) => b > bucket - BUCKETS)) rates.delete(topic);
  }
}
