// The history page: runs the timed queries in a dedicated worker (where the app reads its
// history too) over the app's own IndexedDB, driven through `window.benchHistory`.
import { workerCaller } from './worker-rpc';

export interface HistoryTimingRequest {
  /** Times each query this many times after one untimed warm-up. */
  repeat: number;
  oneTopic: string;
  wildcard: string;
  text: string;
  limit: number;
}

export type QueryName = 'newest100' | 'filter' | 'text';

export interface QueryTiming {
  name: QueryName;
  timesMs: number[];
  returned: number;
  /** Why the answer does not count as a measurement of this query, when it does not. */
  invalid?: string;
}

export interface HistoryTimingReport {
  stored: number;
  openMs: number;
  queries: QueryTiming[];
}

declare global {
  interface Window {
    benchHistory?: (request: HistoryTimingRequest) => Promise<HistoryTimingReport>;
  }
}

const worker = new Worker(new URL('./history-worker.ts', import.meta.url), { type: 'module' });
window.benchHistory = workerCaller<HistoryTimingRequest, HistoryTimingReport>(worker);
