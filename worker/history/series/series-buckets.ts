// Reduces a series' values into equal time buckets across [from, to]: min, max and mean per
// bucket in fixed memory (four numbers a bucket), however many messages the range holds.
import type { SeriesData, SeriesSpec } from '../../../shared/protocol';

/**
 * The bucket of time `t`, or -1 outside [from, to]. Bucket i covers
 * [from + i·span/n, from + (i+1)·span/n); `to` itself falls in the last one. Computed as
 * (t − from)·n / span so a time exactly on an edge lands in the later bucket without rounding
 * error (the product is exact for whole milliseconds).
 */
export function bucketOf(from: number, to: number, n: number, t: number): number {
  if (!(t >= from && t <= to)) return -1;
  return Math.min(n - 1, Math.floor(((t - from) * n) / (to - from)));
}

/** The buckets' start times. */
export function bucketTimes(from: number, to: number, n: number): Float64Array {
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = from + ((to - from) * i) / n;
  return times;
}

export interface SeriesBuckets {
  add(time: number, value: number): void;
  /** A message in range whose payload held no number at the path. */
  skip(): void;
  finish(spec: SeriesSpec): SeriesData;
}

export function createSeriesBuckets(from: number, to: number, n: number): SeriesBuckets {
  const min = new Float64Array(n).fill(NaN);
  const max = new Float64Array(n).fill(NaN);
  const sum = new Float64Array(n);
  const count = new Uint32Array(n);
  let values = 0;
  let skipped = 0;
  return {
    add(time, value) {
      const i = bucketOf(from, to, n, time);
      if (i < 0) return;
      values++;
      // NaN compares false both ways: the first value of a bucket sets min and max.
      if (!(value >= min[i]!)) min[i] = value;
      if (!(value <= max[i]!)) max[i] = value;
      sum[i] = sum[i]! + value;
      count[i] = count[i]! + 1;
    },
    skip() {
      skipped++;
    },
    finish(spec) {
      const mean = new Float64Array(n);
      for (let i = 0; i < n; i++) mean[i] = count[i] === 0 ? NaN : sum[i]! / count[i]!;
      return { spec, min, max, mean, values, skipped };
    },
  };
}
