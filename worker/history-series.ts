// Charts from history: numeric JSON fields reduced to one bucket per pixel column.
// OWNED BY THE CHARTS HELPER.
import type { HistorySources } from './history-sources';
import type { SeriesQuery, SeriesResult } from './protocol';

export function readSeries(_sources: HistorySources, _query: SeriesQuery): Promise<SeriesResult> {
  throw new Error('readSeries: not written yet');
}
