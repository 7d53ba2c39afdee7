// What a Draw asks the worker for, and where the range's "now" and "oldest" come from: live
// history spans from its oldest message to now, a capture from its first to its last message.
import type { SeriesResult, SeriesSpec } from '../../../shared/protocol';
import { errorText } from '../../ui/error-text';
import type { Explorer } from '../explorer';
import type { StoredSpan } from './chart-range';

/** uPlot draws at most one point per pixel column; the worker takes at most this many buckets. */
export const BUCKETS_MAX = 4_096;

export interface ChartRequest {
  source: string | undefined;
  series: SeriesSpec[];
  from: number;
  to: number;
}

export async function storedSpan(
  explorer: Explorer,
  source: string | undefined,
): Promise<StoredSpan> {
  if (source === undefined) {
    const info = await explorer.storageInfo().catch(() => undefined);
    return { oldest: info?.oldestTime, newest: Date.now() };
  }
  const captures = await explorer.captures();
  const capture = captures.find((c) => c.id === source);
  return { oldest: capture?.firstTime, newest: capture?.lastTime ?? Date.now() };
}

/** The request for a chart `width` CSS pixels wide; a failure of the call itself in words. */
export async function fetchSeries(
  explorer: Explorer,
  request: ChartRequest,
  width: number,
): Promise<SeriesResult> {
  const buckets = Math.max(1, Math.min(BUCKETS_MAX, Math.round(width)));
  try {
    return await explorer.historySeries({ ...request, buckets });
  } catch (error) {
    const message = `History could not be charted: ${errorText(error)}`;
    return { ok: false, code: 'unknown', message };
  }
}
