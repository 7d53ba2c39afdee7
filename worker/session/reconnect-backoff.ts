// Reconnect delays: exponential backoff with jitter, capped, reset after a successful connection.
// Pure: the random source is injected so tests can pin it.

export interface BackoffPolicy {
  /** Delay before the first retry. */
  initialDelayMs: number;
  /** No delay is ever longer than this, jitter included. */
  maxDelayMs: number;
  /** Growth per failed attempt. */
  multiplier: number;
  /** Up to this fraction of a delay is randomly taken off it (0 = no jitter, 1 = full jitter). */
  jitterRatio: number;
}

export const RECONNECT_BACKOFF: BackoffPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  multiplier: 2,
  jitterRatio: 0.3,
};

/** The delay before retry number `attempt` (from 1); `random` returns a number in [0, 1). */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** exponent);
  // Jitter only shortens the delay, so the cap holds; it keeps a fleet of kiosks that lost the
  // same broker from all coming back in the same instant.
  const jitter = base * policy.jitterRatio * Math.min(Math.max(random(), 0), 1);
  return Math.round(base - jitter);
}

export interface Backoff {
  /** Counts one more failed attempt and returns its number and the delay before retrying. */
  next(): { attempt: number; delayMs: number };
  /** Forgets past failures, after a connection succeeded or the user started over. */
  reset(): void;
  readonly attempt: number;
}

export function createBackoff(
  policy: BackoffPolicy = RECONNECT_BACKOFF,
  random: () => number = Math.random,
): Backoff {
  let attempt = 0;
  return {
    next() {
      attempt += 1;
      return { attempt, delayMs: backoffDelayMs(attempt, policy, random) };
    },
    reset() {
      attempt = 0;
    },
    get attempt() {
      return attempt;
    },
  };
}
