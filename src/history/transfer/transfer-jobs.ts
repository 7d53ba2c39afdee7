// The Import & export tab's jobs, kept at module level (the History chunk loads once): an export
// or import runs on in the worker when the user switches tab, and its progress and result are
// still there when they come back. At most one export and one import at a time.
import { createSignal } from 'solid-js';
import type { CaptureInfo, TransferProgress } from '../../../shared/protocol';

export type JobPhase = 'running' | 'done' | 'cancelled' | 'failed';

export interface TransferJob {
  jobId: string;
  phase: JobPhase;
  progress: TransferProgress;
  /** The outcome in words, once finished. */
  summary?: string;
  /** Lines an import skipped, described by the worker. */
  problems?: readonly string[];
  /** The capture an import made. */
  capture?: CaptureInfo;
}

const EMPTY_PROGRESS: TransferProgress = { messages: 0, bytes: 0 };

export function newJob(): TransferJob {
  return { jobId: crypto.randomUUID(), phase: 'running', progress: EMPTY_PROGRESS };
}

const [exportJob, setExportJob] = createSignal<TransferJob>();
const [importJob, setImportJob] = createSignal<TransferJob>();
export { exportJob, importJob, setExportJob, setImportJob };

/** Updates the job `jobId` if it is still the one shown (a newer job replaces it). */
export function patchJob(
  set: typeof setExportJob,
  jobId: string,
  patch: Partial<TransferJob>,
): void {
  set((job) => (job?.jobId === jobId ? { ...job, ...patch } : job));
}
