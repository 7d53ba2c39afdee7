// Charts from history: numeric JSON fields of stored messages reduced to one bucket per pixel
// column. One scan per distinct topic filter, each payload decoded once for all its series.
import type { HistoryStore } from '../history-store';
import { parsePath } from '../../../shared/json/json-path';
import type { PathStep } from '../../../shared/json/json-path';
import { validateTopicFilter } from '../../../shared/mqtt/topics';
import type { SeriesQuery, SeriesResult } from '../../../shared/protocol';
import { bucketTimes, createSeriesBuckets } from './series-buckets';
import type { SeriesBuckets } from './series-buckets';
import { segmentTexts } from './series-text';
import { numberAt, textJson } from '../../../shared/json/series-values';

export const SERIES_MAX = 8;
/** A 4K screen's width in CSS pixels: more buckets than pixel columns draw nothing more. */
export const SERIES_BUCKETS_MAX = 4_096;

/** What readSeries needs of `HistorySources` (index.ts passes those): a store's scan. */
export interface SeriesSources {
  store(source: string | undefined): Promise<Pick<HistoryStore, 'scan'> | undefined>;
}

interface Reader {
  steps: PathStep[];
  buckets: SeriesBuckets;
}

/** What is wrong with the query, in words, or undefined when it can be run. */
export function seriesQueryError(query: SeriesQuery): string | undefined {
  const { series, buckets, from, to } = query;
  if (!Array.isArray(series) || series.length < 1 || series.length > SERIES_MAX) {
    return `A chart shows 1 to ${SERIES_MAX} series; this one asked for ${series?.length ?? 0}.`;
  }
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > SERIES_BUCKETS_MAX) {
    return `Buckets must be a whole number from 1 to ${SERIES_BUCKETS_MAX}, not ${buckets}.`;
  }
  if (!Number.isFinite(from) || !Number.isFinite(to))
    return 'The time range needs a start and an end.';
  if (from >= to) return 'The time range must start before it ends.';
  for (const [i, spec] of series.entries()) {
    const topicError = validateTopicFilter(spec.topic);
    if (topicError) return `Series ${i + 1}: ${topicError}`;
    const path = parsePath(spec.path);
    if (!path.ok) return `Series ${i + 1}: ${path.error}`;
  }
  return undefined;
}

export async function readSeries(
  sources: SeriesSources,
  query: SeriesQuery,
): Promise<SeriesResult> {
  const problem = seriesQueryError(query);
  if (problem) return { ok: false, code: 'invalid-option', message: problem };
  const store = await sources.store(query.source);
  if (!store) {
    return {
      ok: false,
      code: 'invalid-option',
      message: 'This capture no longer exists: it may have been deleted in another tab.',
    };
  }
  const { from, to, buckets: n } = query;
  const readers = query.series.map((spec) => {
    const path = parsePath(spec.path);
    const reader: Reader = {
      steps: path.ok ? path.steps : [],
      buckets: createSeriesBuckets(from, to, n),
    };
    return { spec, reader };
  });
  const byTopic = new Map<string, Reader[]>();
  for (const { spec, reader } of readers) {
    byTopic.set(spec.topic, [...(byTopic.get(spec.topic) ?? []), reader]);
  }
  try {
    for (const [topicFilter, group] of byTopic) {
      await store.scan({ topicFilter, from, to, limit: 1 }, 'oldest-first', ({ view, matches }) => {
        const textOf = segmentTexts(view);
        for (const i of matches) {
          const json = textJson(textOf(i));
          const time = view.times[i]!;
          for (const { steps, buckets } of group) {
            const value = numberAt(json, steps);
            if (value === undefined) buckets.skip();
            else buckets.add(time, value);
          }
        }
      });
    }
  } catch (error) {
    return { ok: false, code: 'storage', message: `History could not be read: ${String(error)}` };
  }
  return {
    ok: true,
    times: bucketTimes(from, to, n),
    series: readers.map(({ spec, reader }) => reader.buckets.finish(spec)),
  };
}
