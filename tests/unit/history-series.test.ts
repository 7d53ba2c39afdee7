// Charts from history, worker side: bucketing over known values (edges, empty buckets, the range's
// ends), one scan per topic filter, and refusals in words for a query that cannot be run.
import { describe, expect, it } from 'vitest';
import { readSeries, type SeriesSources } from '../../worker/history/series/history-series';
import type { ScanVisit } from '../../worker/history/query/history-query';
import { topicMatches } from '../../shared/mqtt/topics';
import type { HistoryQuery, SeriesQuery, StoredMessage } from '../../shared/protocol';
import { encodeSegment, openSegment } from '../../worker/db/segment/segment-codec';
import {
  bucketOf,
  bucketTimes,
  createSeriesBuckets,
} from '../../worker/history/series/series-buckets';

const utf8 = new TextEncoder();

function stored(id: number, topic: string, time: number, payload: string): StoredMessage {
  const bytes = utf8.encode(payload);
  return {
    id,
    connectionId: 'c',
    topic,
    qos: 0,
    retain: false,
    time,
    size: bytes.length,
    payload: bytes,
  };
}

/** A store over `messages` in segments of `perSegment`, counting its scans. */
function fakeSources(messages: StoredMessage[], perSegment = 3) {
  const scans: HistoryQuery[] = [];
  const segments: StoredMessage[][] = [];
  for (let i = 0; i < messages.length; i += perSegment)
    segments.push(messages.slice(i, i + perSegment));
  const views = segments.map((s) => ({
    topics: s.map((m) => m.topic),
    view: openSegment(encodeSegment(s, new Array<number>(s.length).fill(0))),
  }));
  const store: Awaited<ReturnType<SeriesSources['store']>> = {
    async scan(query, _order, visit) {
      scans.push(query);
      for (const { topics, view } of views) {
        const matches = topics.flatMap((topic, i) => {
          const t = view.times[i]!;
          const inRange = t >= (query.from ?? -Infinity) && t <= (query.to ?? Infinity);
          return inRange && topicMatches(query.topicFilter ?? '#', topic) ? [i] : [];
        });
        if (matches.length === 0) continue;
        const visit_: ScanVisit = {
          record: undefined as never,
          view,
          matches,
          topicName: () => '',
        };
        if ((await visit(visit_)) === false) break;
      }
    },
  };
  const sources: SeriesSources = {
    store: async (source) => (source === 'gone' ? undefined : store),
  };
  return { sources, scans };
}

const query = (over: Partial<SeriesQuery> = {}): SeriesQuery => ({
  series: [{ topic: 't', path: 'v' }],
  from: 0,
  to: 100,
  buckets: 4,
  ...over,
});
const list = (a: Float64Array) => [...a];

describe('bucketing', () => {
  it('puts a time on an edge in the later bucket and `to` in the last', () => {
    expect([0, 24, 25, 49, 50, 75, 99, 100].map((t) => bucketOf(0, 100, 4, t))).toEqual([
      0, 0, 1, 1, 2, 3, 3, 3,
    ]);
    expect(bucketOf(0, 100, 4, -1)).toBe(-1);
    expect(bucketOf(0, 100, 4, 101)).toBe(-1);
    // Epoch-sized times, an odd span: edges still exact.
    const from = 1_780_000_000_000;
    expect(bucketOf(from, from + 3_000, 3, from + 1_000)).toBe(1);
    expect(bucketOf(from, from + 3_000, 3, from + 999)).toBe(0);
    expect(list(bucketTimes(0, 100, 4))).toEqual([0, 25, 50, 75]);
  });

  it('keeps min, max, mean and counts per bucket; NaN where none fell', () => {
    const b = createSeriesBuckets(0, 100, 4);
    for (const [t, v] of [
      [0, 3],
      [10, -1],
      [24, 4],
      [50, 7],
      [100, 1],
      [200, 99],
    ] as const)
      b.add(t, v);
    b.skip();
    const data = b.finish({ topic: 't', path: '' });
    expect(list(data.min)).toEqual([-1, NaN, 7, 1]);
    expect(list(data.max)).toEqual([4, NaN, 7, 1]);
    expect(list(data.mean)).toEqual([2, NaN, 7, 1]);
    expect([data.values, data.skipped]).toEqual([5, 1]);
  });
});

describe('readSeries', () => {
  const messages = [
    stored(1, 'room/a', 0, '{"v": 1, "w": {"x": [10, 20]}}'),
    stored(2, 'room/a', 30, '{"v": "2.5"}'), // numeric text counts
    stored(3, 'room/a', 50, '{"v": true}'), // a boolean is skipped
    stored(4, 'room/a', 60, '{"w": 1}'), // missing field
    stored(5, 'room/a', 70, 'not json'),
    stored(6, 'room/a', 80, `{"v": 5, "pad": "${'x'.repeat(70_000)}"}`), // over 64 KiB
    stored(7, 'room/a', 100, '{"v": 9, "w": {"x": [11, 21]}}'),
    stored(8, 'room/b', 40, '42'),
    stored(9, 'room/b', 90, '"0x10"'), // not decimal text
    stored(10, 'room/a', 150, '{"v": 100}'), // after the range
  ];

  it('reads numbers at paths, skips the rest, one scan per topic filter', async () => {
    const { sources, scans } = fakeSources(messages);
    const result = await readSeries(
      sources,
      query({
        series: [
          { topic: 'room/a', path: 'v' },
          { topic: 'room/a', path: 'w.x[1]' },
          { topic: 'room/+', path: '' },
        ],
      }),
    );
    if (!result.ok) throw new Error(result.message);
    expect(scans.map((s) => s.topicFilter)).toEqual(['room/a', 'room/+']);
    const [v, x, whole] = result.series;
    expect(list(v!.mean)).toEqual([1, 2.5, NaN, 9]);
    expect([v!.values, v!.skipped]).toEqual([3, 4]);
    expect(list(x!.max)).toEqual([20, NaN, NaN, 21]);
    expect([x!.values, x!.skipped]).toEqual([2, 5]);
    expect(list(whole!.mean)).toEqual([NaN, 42, NaN, NaN]);
    expect([whole!.values, whole!.skipped]).toEqual([1, 8]);
    expect(list(result.times)).toEqual([0, 25, 50, 75]);
  });

  it('reads non-ASCII payloads beside ASCII ones, and skips bytes that are not UTF-8', async () => {
    const bad = stored(3, 'u', 60, 'x');
    bad.payload = new Uint8Array([0x7b, 0x22, 0x76, 0x22, 0x3a, 0x31, 0xff, 0x7d]); // {"v":1\xff}
    bad.size = bad.payload.length;
    const { sources } = fakeSources([
      stored(1, 'u', 0, '{"unit":"°C","v":-4.5}'),
      stored(2, 'u', 30, '{"v":6}'),
      bad,
      stored(4, 'u', 80, '{"note":"naïve ✓","v":" 8 "}'),
    ]);
    const result = await readSeries(sources, query({ series: [{ topic: 'u', path: 'v' }] }));
    if (!result.ok) throw new Error(result.message);
    expect(list(result.series[0]!.mean)).toEqual([-4.5, 6, NaN, 8]);
    expect(result.series[0]!.skipped).toBe(1);
  });

  it('answers an empty range with empty buckets', async () => {
    const { sources } = fakeSources(messages);
    const result = await readSeries(sources, query({ from: 200, to: 300 }));
    if (!result.ok) throw new Error(result.message);
    expect(list(result.series[0]!.mean)).toEqual([NaN, NaN, NaN, NaN]);
    expect(result.series[0]!.values).toBe(0);
  });

  it.each([
    [{ series: [] }, /1 to 8 series/],
    [{ series: new Array(9).fill({ topic: 't', path: '' }) }, /1 to 8 series/],
    [{ buckets: 0 }, /Buckets must be/],
    [{ buckets: 4_097 }, /Buckets must be/],
    [{ buckets: 2.5 }, /Buckets must be/],
    [{ from: 5, to: 5 }, /start before it ends/],
    [{ to: NaN }, /start and an end/],
    [{ series: [{ topic: 'a/#/b', path: '' }] }, /^Series 1: /],
    [{ series: [{ topic: '', path: '' }] }, /^Series 1: /],
    [{ series: [{ topic: 't', path: 'a..b' }] }, /^Series 1: .*not a path/],
  ] as [Partial<SeriesQuery>, RegExp][])('refuses %o in words', async (over, words) => {
    const { sources, scans } = fakeSources(messages);
    const result = await readSeries(sources, query(over));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid-option');
    expect(result.message).toMatch(words);
    expect(scans).toHaveLength(0);
  });

  it('says so when a capture is gone', async () => {
    const { sources } = fakeSources(messages);
    const result = await readSeries(sources, query({ source: 'gone' }));
    expect(result).toMatchObject({ ok: false, code: 'invalid-option' });
  });
});
