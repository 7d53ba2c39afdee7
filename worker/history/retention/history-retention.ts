// Retention in the background: loads and saves the policy, prunes at start, every minute, after
// enough writes and at once when the quota is full, in small steps that let appends through.
import type { DeckDb } from '../../db/schema';
import { STORES } from '../../db/schema';
import { pruneLimits, readRetention, retentionProblem } from './history-retention-policy';
import { needsPrune, pruneStep } from './history-retention-prune';
import type { BatchTimer } from '../../events/message-batcher';
import { NATIVE_TIMER } from '../../events/message-batcher';
import type { RetentionPolicy, Result, StorageInfo } from '../../../shared/protocol';

/** The age limit and a quota that changed are noticed this often. */
export const PRUNE_INTERVAL_MS = 60_000;
/**
 * Written since the last check, what makes the next one due: these many messages or bytes, or a
 * tenth of the policy's limit when that is smaller (a check is one read-only transaction).
 */
export const PRUNE_CHECK_MESSAGES = 20_000;
export const PRUNE_CHECK_BYTES = 16 * 1024 * 1024;
const CHECK_SHARE_OF_LIMIT = 0.1;
/** Segments (up to 1 MiB each) deleted per transaction: an append waits a few ms at most. */
export const PRUNE_SEGMENTS_PER_TX = 8;
/** Pause between two pruning transactions, so queued appends run in between. */
export const PRUNE_PAUSE_MS = 20;
/** While writes fail, look for space (and retry the writes) this often. */
export const FAILING_CHECK_MS = 5_000;
/** estimate() is an IPC to the browser process: its answer is reused for this long. */
const ESTIMATE_MAX_AGE_MS = 10_000;

export interface RetentionDeps {
  db: () => Promise<DeckDb>;
  /** History shrank by `messages` (the writer's stored count follows). */
  onPruned(messages: number): void;
  /** Whether history writes are failing now; they are retried after each check while so. */
  failing(): boolean;
  retryWrites(): void;
  estimate?: () => Promise<StorageEstimate>;
  timer?: BatchTimer;
  now?: () => number;
  /** The IndexedDB steps (history-retention-prune.ts); replaced in tests. */
  steps?: { needsPrune: typeof needsPrune; pruneStep: typeof pruneStep };
}

export type RetentionStatus = Pick<StorageInfo, 'usage' | 'quota' | 'pruning' | 'lastPrune'> & {
  retention: RetentionPolicy;
};

export interface Retention {
  /** Loads the saved policy and runs the first check; call once history is open. */
  start(): Promise<void>;
  /** `messages` with `bytes` of payload were just committed; a check runs once enough did. */
  committed(messages: number, bytes: number): void;
  /** A write hit the quota: prune to the policy now (against a fresh quota figure). */
  quotaExceeded(): void;
  setPolicy(policy: RetentionPolicy): Promise<Result<{ retention: RetentionPolicy }>>;
  status(): Promise<RetentionStatus>;
}

export function createRetention(deps: RetentionDeps): Retention {
  const timer = deps.timer ?? NATIVE_TIMER;
  const now = deps.now ?? Date.now;
  const estimate = deps.estimate ?? (() => navigator.storage.estimate());
  const steps = deps.steps ?? { needsPrune, pruneStep };
  let policy = readRetention(undefined);
  const written = { messages: 0, bytes: 0 };
  let running: Promise<void> | undefined;
  let again = false;
  let lastPrune: RetentionStatus['lastPrune'];
  let estimated: { at: number; value: StorageEstimate } | undefined;
  let tick: unknown = null;

  async function currentEstimate(fresh = false): Promise<StorageEstimate> {
    if (!fresh && estimated && now() - estimated.at < ESTIMATE_MAX_AGE_MS) return estimated.value;
    const value = await estimate().catch((): StorageEstimate => ({}));
    estimated = { at: now(), value };
    return value;
  }

  const pause = (ms: number) => new Promise<void>((resolve) => timer.set(resolve, ms));

  async function prune(fresh: boolean): Promise<void> {
    const { quota } = await currentEstimate(fresh);
    const limits = pruneLimits(policy, quota, now());
    const db = await deps.db();
    if (!(await steps.needsPrune(db, limits))) return;
    const total = { messages: 0, segments: 0 };
    for (;;) {
      const step = await steps.pruneStep(db, limits, PRUNE_SEGMENTS_PER_TX);
      if (step.messages > 0) {
        total.messages += step.messages;
        total.segments += step.segments;
        deps.onPruned(step.messages);
      }
      if (step.done) break;
      await pause(PRUNE_PAUSE_MS);
    }
    if (total.messages > 0) lastPrune = { at: now(), ...total };
  }

  /** Runs a check; one asked for while one runs runs after it (with the newest policy). */
  function check(fresh = false): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    written.messages = 0;
    written.bytes = 0;
    running = prune(fresh)
      .catch(() => {
        // Storage failing shows through the writer's error; the next check tries again.
      })
      .finally(() => {
        running = undefined;
        if (deps.failing()) deps.retryWrites();
        if (again) {
          again = false;
          void check(true);
        }
      });
    return running;
  }

  function schedule(): void {
    if (tick !== null) timer.clear(tick);
    tick = timer.set(
      () => {
        tick = null;
        void check(deps.failing()).finally(schedule);
      },
      deps.failing() ? FAILING_CHECK_MS : PRUNE_INTERVAL_MS,
    );
  }

  return {
    async start() {
      try {
        policy = readRetention(await (await deps.db()).get(STORES.settings, 'retention'));
      } catch {
        // Unreadable settings: the defaults apply until the user saves a policy.
      }
      await check();
      schedule();
    },
    committed(messages, bytes) {
      written.messages += messages;
      written.bytes += bytes;
      const share = (limit: number) => Math.max(1, limit * CHECK_SHARE_OF_LIMIT);
      if (
        written.messages >= Math.min(PRUNE_CHECK_MESSAGES, share(policy.maxMessages)) ||
        written.bytes >= Math.min(PRUNE_CHECK_BYTES, share(policy.maxBytes))
      ) {
        void check();
      }
    },
    quotaExceeded() {
      void check(true);
      schedule(); // from now on every FAILING_CHECK_MS until writes succeed
    },
    async setPolicy(next) {
      const problem = retentionProblem(next);
      if (problem) return { ok: false, code: 'invalid-option', message: problem };
      const retention = readRetention(next);
      try {
        await (await deps.db()).put(STORES.settings, retention, 'retention');
      } catch (error) {
        const detail = error instanceof Error ? error.name : String(error);
        return { ok: false, code: 'storage', message: `Could not save the policy (${detail}).` };
      }
      policy = retention;
      void check();
      return { ok: true, retention };
    },
    async status() {
      const { usage, quota } = await currentEstimate();
      const status: RetentionStatus = { retention: policy, pruning: running !== undefined };
      if (usage !== undefined) status.usage = usage;
      if (quota !== undefined) status.quota = quota;
      if (lastPrune) status.lastPrune = lastPrune;
      return status;
    },
  };
}
