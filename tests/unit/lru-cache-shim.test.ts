// The worker's lru-cache stand-in (worker/mqtt-build/lru-cache.ts) against the real package for
// every member mqtt.js's TopicAliasSend uses, on the same sequence of calls.
import { LRUCache as RealLru } from 'lru-cache';
import { describe, expect, test } from 'vitest';
import { LRUCache as ShimLru } from '../../worker/mqtt-build/lru-cache';

type Cache = {
  get(key: number): string | undefined;
  set(key: number, value: string): unknown;
  clear(): void;
  keys(): Iterable<number>;
  readonly size: number;
};

/** Runs the same calls on `cache` and records what each observable member answers. */
function trace(cache: Cache): unknown[] {
  const seen: unknown[] = [];
  const look = () => seen.push({ size: cache.size, keys: [...cache.keys()] });
  for (const [key, topic] of [
    [1, 'a'],
    [2, 'b'],
    [3, 'c'],
  ] as const)
    cache.set(key, topic);
  look();
  seen.push(cache.get(1), cache.get(9));
  look();
  cache.set(4, 'd'); // over max 3: the least recently used (2) goes
  look();
  cache.set(3, 'c2');
  seen.push(cache.get(2), cache.get(3));
  look();
  cache.clear();
  look();
  return seen;
}

describe("the lru-cache stand-in for mqtt.js's topic aliases", () => {
  test('answers as lru-cache does for get, set, size, keys and clear', () => {
    const real = trace(new RealLru<number, string>({ max: 3 }));
    expect(trace(new ShimLru<number, string>({ max: 3 }))).toEqual(real);
    // The trace is not trivial: eviction and recency both show in it.
    expect(real).toContainEqual({ size: 3, keys: [4, 1, 3] });
  });
});
