// A chart series in bounded memory: samples are summed into a ring of time slots covering the
// chart's window, so memory is fixed per series however fast or long the topic streams, and a
// render reduces the slots to one point per pixel column of the chart.

/** Slots per series: finer than any chart is wide, so downsampling never shows slot steps. */
export const SERIES_SLOTS = 2_048;

export interface SeriesRing {
  add(timeMs: number, value: number): void;
  /** Means per slot in [fromMs, toMs], oldest first; NaN where a slot has no sample. */
  read(fromMs: number, toMs: number): { times: Float64Array; values: Float64Array };
  readonly slotMs: number;
}

export function createSeriesRing(windowMs: number, slots = SERIES_SLOTS): SeriesRing {
  const slotMs = Math.max(1, Math.ceil(windowMs / slots));
  const keys = new Float64Array(slots).fill(-1);
  const sums = new Float64Array(slots);
  const counts = new Uint32Array(slots);
  return {
    slotMs,
    add(timeMs, value) {
      if (!Number.isFinite(value)) return;
      const key = Math.floor(timeMs / slotMs);
      const i = key % slots;
      if (keys[i] !== key) {
        // The slot last held a time one window ago (or more): start it afresh.
        keys[i] = key;
        sums[i] = 0;
        counts[i] = 0;
      }
      sums[i]! += value;
      counts[i]! += 1;
    },
    read(fromMs, toMs) {
      const first = Math.floor(fromMs / slotMs);
      const last = Math.floor(toMs / slotMs);
      const n = Math.max(0, Math.min(slots, last - first + 1));
      const times = new Float64Array(n);
      const values = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        const key = last - n + 1 + j;
        const i = key % slots;
        times[j] = key * slotMs;
        values[j] = keys[i] === key && counts[i]! > 0 ? sums[i]! / counts[i]! : NaN;
      }
      return { times, values };
    },
  };
}

/**
 * Reduces aligned series to `columns` points over [fromMs, toMs]: each column is the mean of the
 * samples in it (null where none), so a chart draws one point per pixel column at most.
 */
export function downsample(
  series: readonly { times: Float64Array; values: Float64Array }[],
  fromMs: number,
  toMs: number,
  columns: number,
): { x: number[]; ys: (number | null)[][] } {
  const n = Math.max(1, Math.floor(columns));
  const span = Math.max(1, toMs - fromMs);
  const x = Array.from({ length: n }, (_, c) => (fromMs + ((c + 0.5) * span) / n) / 1_000);
  const ys = series.map(({ times, values }) => {
    const sums = new Float64Array(n);
    const counts = new Uint32Array(n);
    for (let j = 0; j < times.length; j++) {
      const v = values[j]!;
      const t = times[j]!;
      if (Number.isNaN(v) || t < fromMs || t > toMs) continue;
      const c = Math.min(n - 1, Math.floor(((t - fromMs) / span) * n));
      sums[c]! += v;
      counts[c]! += 1;
    }
    return Array.from(sums, (sum, c) => (counts[c]! > 0 ? sum / counts[c]! : null));
  });
  return { x, ys };
}
