// Chart seeding from history: a quiet topic read whole, a busy one sampled over the whole window
// within the point budget, pages followed through `next`, and a cancelled seed stopping.
import { describe, expect, test } from 'vitest';
import {
  SEED_NEWEST_POINTS,
  SEED_POINTS_PER_SPAN,
  SEED_SPANS,
  seedFromHistory,
  type ReadHistory,
} from '../../src/dashboards/history-seed';
import type { HistoryQuery, MessageSummary } from '../../shared/protocol';

/** A history of one message per `stepMs` in [0, endMs], served like the worker: newest first. */
function fakeHistory(endMs: number, stepMs: number, pageMax = 300) {
  const calls: HistoryQuery[] = [];
  const read: ReadHistory = (q) => {
    calls.push(q);
    const found: MessageSummary[] = [];
    // ids equal times, so `before` is a time too.
    for (let t = Math.min(endMs, q.to ?? endMs, (q.before ?? Infinity) - 1); t >= 0; t--) {
      if (t % stepMs !== 0) continue;
      if (t < (q.from ?? 0)) break;
      if (found.length === Math.min(q.limit, pageMax)) {
        return Promise.resolve({ messages: found, next: found[found.length - 1]!.id });
      }
      found.push({
        id: t,
        connectionId: 'c',
        topic: 'a',
        qos: 0,
        retain: false,
        time: t,
        size: 1,
        preview: new Uint8Array([49]),
      });
    }
    return Promise.resolve({ messages: found });
  };
  return { read, calls };
}

describe('seedFromHistory', () => {
  test('a topic quieter than the budget is read whole, following next', async () => {
    const { read, calls } = fakeHistory(10_000, 20); // 501 messages in the window
    const times: number[] = [];
    const n = await seedFromHistory(read, { topic: 'a', fromMs: 0, toMs: 10_000 }, (m) =>
      times.push(m.time),
    );
    expect(n).toBe(501);
    expect(new Set(times).size).toBe(501);
    expect(calls.length).toBe(2); // 300 + 201
  });

  test('a busy topic is sampled across the whole window within the budget', async () => {
    const { read } = fakeHistory(1_000_000, 1); // a million messages
    const times: number[] = [];
    const n = await seedFromHistory(read, { topic: 'a', fromMs: 0, toMs: 1_000_000 }, (m) =>
      times.push(m.time),
    );
    expect(n).toBe(times.length);
    expect(n).toBeLessThanOrEqual(SEED_NEWEST_POINTS + SEED_SPANS * SEED_POINTS_PER_SPAN);
    expect(new Set(times).size).toBe(n); // nothing twice
    // Every part of the window has points, the oldest span included.
    for (let part = 0; part < 10; part++) {
      const from = part * 100_000;
      expect(times.some((t) => t >= from && t < from + 100_000)).toBe(true);
    }
  });

  test('stops when cancelled', async () => {
    const { read, calls } = fakeHistory(1_000_000, 1);
    let cancelled = false;
    await seedFromHistory(
      read,
      { topic: 'a', fromMs: 0, toMs: 1_000_000 },
      () => (cancelled = true),
      () => cancelled,
    );
    expect(calls.length).toBe(1);
  });
});
