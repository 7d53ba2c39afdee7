// Running exports and imports by the caller's job id, so `cancelTransfer` can stop one.
export interface Transfers {
  /** A signal that aborts when `cancel(jobId)` is called; forget it with `done(jobId)`. */
  start(jobId: string): AbortSignal;
  cancel(jobId: string): void;
  done(jobId: string): void;
}

/** Cancels that arrived before their job started (its chunk still loading), remembered this long. */
const EARLY_CANCEL_MS = 30_000;
/** Finished job ids remembered, so a late cancel of one is not taken for an early one. */
const FINISHED_KEPT = 100;

export function createTransfers(now: () => number = Date.now): Transfers {
  const running = new Map<string, AbortController>();
  const early = new Map<string, number>();
  const finished = new Set<string>();
  return {
    start(jobId) {
      running.get(jobId)?.abort();
      const controller = new AbortController();
      running.set(jobId, controller);
      const cancelledAt = early.get(jobId);
      early.delete(jobId);
      if (cancelledAt !== undefined && now() - cancelledAt < EARLY_CANCEL_MS) controller.abort();
      return controller.signal;
    },
    cancel(jobId) {
      const job = running.get(jobId);
      if (job) return job.abort();
      if (finished.has(jobId)) return;
      for (const [id, at] of early) if (now() - at >= EARLY_CANCEL_MS) early.delete(id);
      early.set(jobId, now());
    },
    done(jobId) {
      running.delete(jobId);
      finished.add(jobId);
      if (finished.size > FINISHED_KEPT) finished.delete(finished.values().next().value ?? '');
    },
  };
}
