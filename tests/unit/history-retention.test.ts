// The retention policy's pure parts: defaults, what a stored or typed policy may hold, and the
// plan of which oldest segments to prune for each kind of limit.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  MESSAGE_OVERHEAD_BYTES,
  planPrune,
  pruneLimits,
  readRetention,
  retentionProblem,
} from '../../worker/history/retention/history-retention-policy';
import type { SegmentSummary } from '../../worker/history/retention/history-retention-policy';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY_MS;
const MB = 1024 * 1024;

/** `n` segments of `size` messages and `bytes` payload each, one per day up to NOW. */
function segments(n: number, size: number, bytes: number): SegmentSummary[] {
  return Array.from({ length: n }, (_, i) => ({
    firstId: i * size + 1,
    lastId: (i + 1) * size,
    messages: size,
    bytes,
    maxTime: NOW - (n - 1 - i) * DAY_MS,
  }));
}
const sum = (s: SegmentSummary[]) => ({
  messages: s.reduce((a, x) => a + x.messages, 0),
  bytes: s.reduce((a, x) => a + x.bytes, 0),
});
const roomy = { ...DEFAULT_RETENTION, maxAgeDays: 36_500 };

describe('retention policy', () => {
  it('defaults to a million messages, 500 MB, half the quota and 30 days', () => {
    expect(DEFAULT_RETENTION).toEqual({
      maxMessages: 1_000_000,
      maxBytes: 500 * MB,
      maxQuotaPercent: 50,
      maxAgeDays: 30,
    });
  });

  it('reads a stored policy field by field, defaults for anything missing or out of bounds', () => {
    expect(readRetention(undefined)).toEqual(DEFAULT_RETENTION);
    expect(readRetention('junk')).toEqual(DEFAULT_RETENTION);
    const read = readRetention({
      maxMessages: 5_000,
      maxBytes: -1,
      maxQuotaPercent: 101,
      maxAgeDays: '7',
    });
    expect(read).toEqual({ ...DEFAULT_RETENTION, maxMessages: 5_000 });
    expect(readRetention({ ...DEFAULT_RETENTION, maxAgeDays: NaN }).maxAgeDays).toBe(30);
  });

  it('words what is out of bounds in the units the form uses', () => {
    expect(retentionProblem(DEFAULT_RETENTION)).toBeUndefined();
    expect(retentionProblem({ ...DEFAULT_RETENTION, maxMessages: 10 })).toMatch(
      /Maximum messages must be between 100 and/,
    );
    expect(retentionProblem({ ...DEFAULT_RETENTION, maxBytes: 1000 })).toMatch(
      /Maximum payload size must be between 1 and 1,048,576 MB/,
    );
    expect(retentionProblem({ ...DEFAULT_RETENTION, maxQuotaPercent: 0 })).toMatch(/quota/);
    expect(retentionProblem({ ...DEFAULT_RETENTION, maxAgeDays: Infinity })).toMatch(/age/);
  });

  it('resolves the share of the quota, and no quota limit when the quota is unknown', () => {
    expect(pruneLimits(DEFAULT_RETENTION, 1000 * MB, NOW).maxStoredBytes).toBe(500 * MB);
    expect(pruneLimits(DEFAULT_RETENTION, undefined, NOW).maxStoredBytes).toBe(Infinity);
    expect(pruneLimits(DEFAULT_RETENTION, undefined, NOW).cutoffTime).toBe(NOW - 30 * DAY_MS);
  });
});

describe('prune plan', () => {
  it('prunes nothing within every limit', () => {
    const s = segments(5, 1000, 1000);
    const plan = planPrune(s, sum(s), pruneLimits(roomy, undefined, NOW));
    expect(plan).toEqual({ firstIds: [], messages: 0, bytes: 0, done: true });
  });

  it('by count: the oldest whole segments, never below the limit', () => {
    const s = segments(5, 1000, 1000);
    const limits = pruneLimits({ ...roomy, maxMessages: 2_500 }, undefined, NOW);
    const plan = planPrune(s, sum(s), limits);
    // 5,000 held: 2 segments go, leaving 3,000; a third would leave 2,000, below the limit.
    expect(plan.firstIds).toEqual([1, 1001]);
    expect(plan.messages).toBe(2000);
    expect(plan.done).toBe(true);
    const exact = pruneLimits({ ...roomy, maxMessages: 2_000 }, undefined, NOW);
    expect(planPrune(s, sum(s), exact).messages).toBe(3000);
  });

  it('keeps a big newest segment whole rather than leave less than the limit', () => {
    const s = [...segments(1, 904, 904), ...segments(1, 4096, 4096)];
    s[1] = { ...s[1]!, firstId: 905, lastId: 5000 };
    const limits = pruneLimits({ ...roomy, maxMessages: 1_000 }, undefined, NOW);
    const plan = planPrune(s, sum(s), limits);
    expect(plan.firstIds).toEqual([1]);
    expect(sum(s).messages - plan.messages).toBe(4096);
  });

  it('by payload bytes', () => {
    const s = segments(4, 10, 100 * MB);
    const plan = planPrune(
      s,
      sum(s),
      pruneLimits({ ...roomy, maxBytes: 200 * MB }, undefined, NOW),
    );
    expect(plan.firstIds).toEqual([1, 11]);
    expect(plan.bytes).toBe(200 * MB);
  });

  it('by share of the quota, counting the per-message overhead', () => {
    const s = segments(4, 1000, 1000);
    const stored = 4 * (1000 + 1000 * MESSAGE_OVERHEAD_BYTES);
    // A quota where 50% holds exactly two segments.
    const quota = stored;
    const plan = planPrune(s, sum(s), pruneLimits(roomy, quota, NOW));
    expect(plan.firstIds).toEqual([1, 1001]);
  });

  it('by age: segments whose newest message is older than the limit', () => {
    const s = segments(10, 100, 100);
    const plan = planPrune(s, sum(s), pruneLimits({ ...roomy, maxAgeDays: 3 }, undefined, NOW));
    // maxTime NOW-9d … NOW: the ones at 4 days or more go, NOW-3d stays (not older than 3 days).
    expect(plan.firstIds).toHaveLength(6);
    expect(plan.firstIds[0]).toBe(1);
    expect(plan.done).toBe(true);
  });

  it('says when the segments given ran out before history got within the limits', () => {
    const s = segments(5, 1000, 1000);
    const limits = pruneLimits({ ...roomy, maxMessages: 1_000 }, undefined, NOW);
    const plan = planPrune(s.slice(0, 2), sum(s), limits);
    expect(plan.firstIds).toEqual([1, 1001]);
    expect(plan.done).toBe(false);
  });
});
