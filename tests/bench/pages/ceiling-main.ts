// The ceiling page: starts the bare subscriber worker and lets the bench drive it through
// `window.benchCeiling` (Runtime.evaluate), so no debugger domain watches the worker.
import { workerCaller } from './worker-rpc';

export type CeilingRequest =
  | { type: 'connect'; url: string; filter: string }
  | { type: 'report' }
  | { type: 'reset' }
  | { type: 'close' };
/** Messages received so far, and the wall-clock ms (sub-ms digits) of the last one. */
export interface CeilingReport {
  count: number;
  lastAt: number;
}

declare global {
  interface Window {
    benchCeiling?: (request: CeilingRequest) => Promise<CeilingReport>;
  }
}

const worker = new Worker(new URL('./ceiling-worker.ts', import.meta.url), { type: 'module' });
window.benchCeiling = workerCaller<CeilingRequest, CeilingReport>(worker);
