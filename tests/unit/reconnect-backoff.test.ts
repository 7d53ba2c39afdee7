// Reconnect delays: exponential growth, a hard cap, jitter that only shortens, reset on success.
import { describe, expect, it } from 'vitest';
import {
  RECONNECT_BACKOFF,
  backoffDelayMs,
  createBackoff,
  type BackoffPolicy,
} from '../../worker/session/reconnect-backoff';

const policy: BackoffPolicy = {
  initialDelayMs: 100,
  maxDelayMs: 1_000,
  multiplier: 2,
  jitterRatio: 0.5,
};
const noJitter = () => 0;

describe('backoffDelayMs', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelayMs(n, policy, noJitter));
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it('takes at most jitterRatio off a delay, never adds to it', () => {
    expect(backoffDelayMs(3, policy, () => 0.999_999)).toBe(200);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(300);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelayMs(10, policy, Math.random);
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1_000);
    }
  });

  it('spreads clients that failed at the same moment', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(4, RECONNECT_BACKOFF)));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('survives absurd attempt counts and bad random values', () => {
    expect(backoffDelayMs(10_000, policy, noJitter)).toBe(1_000);
    expect(backoffDelayMs(0, policy, noJitter)).toBe(100);
    expect(backoffDelayMs(2, policy, () => 7)).toBe(100);
    expect(backoffDelayMs(2, policy, () => -3)).toBe(200);
  });
});

describe('createBackoff', () => {
  it('counts attempts and starts over after reset', () => {
    const backoff = createBackoff(policy, noJitter);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([
      { attempt: 1, delayMs: 100 },
      { attempt: 2, delayMs: 200 },
      { attempt: 3, delayMs: 400 },
    ]);
    expect(backoff.attempt).toBe(3);
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toEqual({ attempt: 1, delayMs: 100 });
  });

  it('keeps the default policy between one second and thirty', () => {
    const backoff = createBackoff(RECONNECT_BACKOFF, noJitter);
    const delays = Array.from({ length: 10 }, () => backoff.next().delayMs);
    expect(delays[0]).toBe(1_000);
    expect(Math.max(...delays)).toBe(30_000);
  });
});
