// Clearing retained messages: one at a time, at most 10 a second, cancellable, failures reported.
import { describe, expect, it } from 'vitest';
import { CLEARS_PER_SECOND, clearRetained } from '../../src/history/topics/clear-retained';
import type { ClearOutcome } from '../../src/history/topics/clear-retained';

function fakeClock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => void (t += ms),
    advance: (ms: number) => (t += ms),
  };
}

describe('clearRetained', () => {
  it('publishes each topic once, at most CLEARS_PER_SECOND a second, with progress', async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    const progress: number[] = [];
    const topics = Array.from({ length: 25 }, (_, i) => `t/${i}`);
    const report = await clearRetained(
      topics,
      {
        publish: async () => {
          starts.push(clock.now());
          return { ok: true };
        },
        progress: (done) => progress.push(done),
        now: clock.now,
        sleep: clock.sleep,
      },
      new AbortController().signal,
    );
    expect(report.cleared).toEqual(topics);
    expect(progress.at(-1)).toBe(25);
    for (let i = CLEARS_PER_SECOND; i < starts.length; i++) {
      expect(starts[i]! - starts[i - CLEARS_PER_SECOND]!).toBeGreaterThanOrEqual(1_000);
    }
  });

  it('does not catch up in a burst after a slow acknowledgement', async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    await clearRetained(
      ['a', 'b', 'c'],
      {
        publish: async () => {
          starts.push(clock.now());
          if (starts.length === 1) clock.advance(2_000);
          return { ok: true };
        },
        progress: () => {},
        now: clock.now,
        sleep: clock.sleep,
      },
      new AbortController().signal,
    );
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(100);
  });

  it('stops at Cancel and reports refusals in words', async () => {
    const clock = fakeClock();
    const abort = new AbortController();
    const report = await clearRetained(
      ['a', 'b', 'c', 'd'],
      {
        publish: async (topic): Promise<ClearOutcome> => {
          if (topic === 'b') abort.abort();
          return topic === 'a' ? { ok: false, message: 'Not authorized' } : { ok: true };
        },
        progress: () => {},
        now: clock.now,
        sleep: clock.sleep,
      },
      abort.signal,
    );
    expect(report).toEqual({
      cleared: ['b'],
      failed: [{ topic: 'a', message: 'Not authorized' }],
      cancelled: true,
    });
  });
});
