// When retention prunes: at start, after enough writes, at once on a full quota (then every few
// seconds, retrying the writes), a step at a time; with the IndexedDB steps replaced by fakes.
import { describe, expect, it } from 'vitest';
import {
  createRetention,
  FAILING_CHECK_MS,
  PRUNE_CHECK_BYTES,
  PRUNE_CHECK_MESSAGES,
  PRUNE_INTERVAL_MS,
  PRUNE_PAUSE_MS,
} from '../../worker/history/retention/history-retention';
import type { PruneLimits } from '../../worker/history/retention/history-retention-policy';
import type { PruneStep } from '../../worker/history/retention/history-retention-prune';
import type { DeckDb } from '../../worker/db/schema';
import { fakeTimer, flushPromises } from '../fixtures/fakes/fake-timer';

function setup(opts: { over?: boolean; steps?: PruneStep[]; stored?: unknown } = {}) {
  const { timer, advance } = fakeTimer();
  const db = {
    get: async () => opts.stored,
    put: async () => undefined,
  } as unknown as DeckDb;
  const log = { checks: 0, steps: 0, estimates: 0, pruned: [] as number[], retries: 0 };
  const limits: PruneLimits[] = [];
  let failing = false;
  const queue = [...(opts.steps ?? [])];
  const retention = createRetention({
    db: async () => db,
    onPruned: (n) => log.pruned.push(n),
    failing: () => failing,
    retryWrites: () => (log.retries += 1),
    estimate: async () => {
      log.estimates += 1;
      return { usage: 0, quota: 1_000_000 };
    },
    timer,
    now: () => 0,
    steps: {
      needsPrune: async (_db, l) => {
        log.checks += 1;
        limits.push(l);
        return opts.over ?? false;
      },
      pruneStep: async () => {
        log.steps += 1;
        return queue.shift() ?? { messages: 0, bytes: 0, segments: 0, done: true };
      },
    },
  });
  const settle = async (ms = 0) => {
    for (let i = 0; i < 5; i++) {
      await flushPromises();
      advance(ms);
    }
    await flushPromises();
  };
  return { retention, log, limits, settle, advance, setFailing: (f: boolean) => (failing = f) };
}

describe('retention schedule', () => {
  it('checks at start with the stored policy, then every minute', async () => {
    const t = setup({ stored: { maxMessages: 5_000 } });
    await t.retention.start();
    expect(t.log.checks).toBe(1);
    expect(t.limits[0]).toMatchObject({ maxMessages: 5_000, maxStoredBytes: 500_000 });
    await t.settle(PRUNE_INTERVAL_MS);
    expect(t.log.checks).toBeGreaterThanOrEqual(2);
    expect(t.log.steps).toBe(0); // within the limits: no readwrite transaction at all
  });

  it('prunes step by step, pausing between steps, and reports each', async () => {
    const step = (done: boolean): PruneStep => ({ messages: 100, bytes: 1, segments: 1, done });
    const t = setup({ over: true, steps: [step(false), step(false), step(true)] });
    const started = t.retention.start();
    await t.settle(PRUNE_PAUSE_MS);
    await started;
    expect(t.log.steps).toBe(3);
    expect(t.log.pruned).toEqual([100, 100, 100]);
    const status = await t.retention.status();
    expect(status.lastPrune).toEqual({ at: 0, messages: 300, segments: 3 });
  });

  it('checks again once enough messages were written', async () => {
    const t = setup();
    await t.retention.start();
    t.retention.committed(PRUNE_CHECK_MESSAGES - 1, 0);
    await t.settle();
    expect(t.log.checks).toBe(1);
    t.retention.committed(1, 0);
    await t.settle();
    expect(t.log.checks).toBe(2);
    t.retention.committed(1, PRUNE_CHECK_BYTES);
    await t.settle();
    expect(t.log.checks).toBe(3);
  });

  it('checks more often under a small limit: a tenth of it written', async () => {
    const t = setup({ stored: { maxMessages: 1_000 } });
    await t.retention.start();
    t.retention.committed(99, 0);
    await t.settle();
    expect(t.log.checks).toBe(1);
    t.retention.committed(1, 0);
    await t.settle();
    expect(t.log.checks).toBe(2);
  });

  it('on a full quota: prunes against a fresh quota, then retries the writes every few s', async () => {
    const t = setup();
    await t.retention.start();
    const estimates = t.log.estimates;
    t.setFailing(true);
    t.retention.quotaExceeded();
    await t.settle();
    expect(t.log.estimates).toBe(estimates + 1);
    expect(t.log.checks).toBe(2);
    expect(t.log.retries).toBe(1);
    await t.settle(FAILING_CHECK_MS);
    expect(t.log.retries).toBeGreaterThanOrEqual(2);
  });

  it('refuses a policy out of bounds and keeps the one it has', async () => {
    const t = setup();
    await t.retention.start();
    const bad = await t.retention.setPolicy({
      maxMessages: 1,
      maxBytes: 1,
      maxQuotaPercent: 1,
      maxAgeDays: 1,
    });
    expect(bad).toMatchObject({ ok: false, code: 'invalid-option' });
    expect((await t.retention.status()).retention.maxMessages).toBe(1_000_000);
  });
});
