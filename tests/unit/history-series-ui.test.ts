// Charts from history, UI side: the CSV (quoted, no formulas from topics, empty buckets left out),
// the time ranges, and the numeric fields suggested from a payload.
import { describe, expect, it } from 'vitest';
import { chartCsv } from '../../src/history/chart/chart-csv';
import { resolveRange } from '../../src/history/chart/chart-range';
import { FIELDS_MAX, numericFields } from '../../src/history/chart/numeric-fields';
import type { SeriesData } from '../../shared/protocol';

const f = (...v: number[]) => Float64Array.from(v);
const series = (topic: string, path: string, mean: number[], min: number[], max: number[]) =>
  ({
    spec: { topic, path },
    mean: f(...mean),
    min: f(...min),
    max: f(...max),
    values: 1,
    skipped: 0,
  }) satisfies SeriesData;

describe('chart CSV', () => {
  it('writes ISO times, mean/min/max per series, and only buckets holding a value', () => {
    const csv = chartCsv(f(0, 1_000, 2_000), [
      series('a', 'v', [1.5, NaN, 3], [1, NaN, 3], [2, NaN, 3]),
      series('=cmd|"x",y', '', [NaN, NaN, 7], [NaN, NaN, 7], [NaN, NaN, 7]),
    ]);
    expect(csv.split('\r\n')).toEqual([
      '"time","a v mean","a v min","a v max","\'=cmd|""x"",y mean","\'=cmd|""x"",y min","\'=cmd|""x"",y max"',
      '1970-01-01T00:00:00.000Z,1.5,1,2,,,',
      '1970-01-01T00:00:02.000Z,3,3,3,7,7,7',
      '',
    ]);
  });
});

describe('chart range', () => {
  const span = { oldest: 1_000, newest: 10_000_000 };
  it('counts presets back from the newest time, and all stored from the oldest', () => {
    expect(resolveRange('hour', span, { from: '', to: '' })).toEqual({
      ok: true,
      from: 10_000_000 - 3_600_000,
      to: 10_000_000,
    });
    expect(resolveRange('all', span, { from: '', to: '' })).toEqual({
      ok: true,
      from: 1_000,
      to: 10_000_000,
    });
    expect(resolveRange('all', { newest: 5 }, { from: '', to: '' })).toMatchObject({
      ok: false,
      error: /Nothing is stored/,
    });
  });
  it('refuses a custom range that is empty or backwards, in words', () => {
    expect(resolveRange('custom', span, { from: '', to: '2026-01-01T00:00' })).toMatchObject({
      ok: false,
      error: /starts/,
    });
    expect(
      resolveRange('custom', span, { from: '2026-01-02T00:00', to: '2026-01-01T00:00' }),
    ).toMatchObject({ ok: false, error: /before the end/ });
    expect(
      resolveRange('custom', span, { from: '2026-01-01T00:00', to: '2026-01-01T01:00' }),
    ).toMatchObject({ ok: true });
  });
});

describe('numeric fields', () => {
  it('lists the paths of numbers and decimal text, nested and in arrays', () => {
    const json = {
      t: 21.5,
      s: '3',
      on: true,
      name: 'x',
      link: { rssi: -60 },
      fans: [1, { rpm: 900 }],
      'a.b': 1,
    };
    expect(numericFields(json)).toEqual(['t', 's', 'link.rssi', 'fans[0]', 'fans[1].rpm']);
    expect(numericFields(42)).toEqual(['']);
  });
  it('stops at a bound however big the payload', () => {
    const wide = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}`, i]));
    expect(numericFields(wide)).toHaveLength(FIELDS_MAX);
  });
});
