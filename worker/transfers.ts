// Running exports and imports by the caller's job id, so `cancelTransfer` can stop one.
// OWNED BY THE IMPORT/EXPORT HELPER.
export interface Transfers {
  /** A signal that aborts when `cancel(jobId)` is called; forget it with `done(jobId)`. */
  start(jobId: string): AbortSignal;
  cancel(jobId: string): void;
  done(jobId: string): void;
}

export function createTransfers(): Transfers {
  const running = new Map<string, AbortController>();
  return {
    start(jobId) {
      running.get(jobId)?.abort();
      const controller = new AbortController();
      running.set(jobId, controller);
      return controller.signal;
    },
    cancel: (jobId) => running.get(jobId)?.abort(),
    done: (jobId) => void running.delete(jobId),
  };
}
