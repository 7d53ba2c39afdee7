// The explorer page: fills a database of its own in a dedicated worker with the app's history
// store, then times the app's export, import and payload search there (explorer-worker.ts).
import { workerCaller } from './worker-rpc';

export interface ExplorerRequest {
  messages: number;
  topics: number;
  /** One message in this many holds ALARM_TEXT (the search finds these). */
  alarmEvery: number;
  alarmText: string;
  pageLimit: number;
}

export interface ExplorerReport {
  fillMs: number;
  /** `scanMs`: the same scan with nothing done per segment, for comparison. */
  export: { ms: number; messages: number; bytes: number; scanMs: number };
  import: { ms: number; messages: number; skipped: number; problems: string[] };
  /**
   * Time to the first full page, and to count every match with countMatching's steps: medians of
   * a few runs (each run's time too; the first is cold).
   */
  search: {
    firstMs: number;
    firstRunsMs: number[];
    allRunsMs: number[];
    firstReturned: number;
    firstCalls: number;
    allMs: number;
    found: number;
    allCalls: number;
  };
}

declare global {
  interface Window {
    benchExplorer?: (request: ExplorerRequest) => Promise<ExplorerReport>;
  }
}

const worker = new Worker(new URL('./explorer-worker.ts', import.meta.url), { type: 'module' });
window.benchExplorer = workerCaller<ExplorerRequest, ExplorerReport>(worker);
