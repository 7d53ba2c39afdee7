// Which broker URL each connection attempt uses and what follows a failure: the profile's
// reconnect policy (off, a delay range, a limit on failed attempts in a row) and the round robin
// over [url, ...fallbackUrls]. Pure apart from the injected random source.
import type { ConnectionProfile, DeckError } from '../../shared/protocol';
import { RECONNECT_BACKOFF, createBackoff } from './reconnect-backoff';
import type { BackoffPolicy } from './reconnect-backoff';

/** CONNACK refusals that say "this server, not you": another URL of the cluster may accept. */
const TRY_ANOTHER_SERVER = new Set([
  3, // 3.1.1 Server unavailable
  0x88, // Server unavailable
  0x89, // Server busy
  0x9c, // Use another server
  0x9d, // Server moved
]);

/** What to do after an attempt failed or a connection was lost. */
export type AfterFailure =
  | { kind: 'retry'; attempt: number; delayMs: number }
  /** Reconnect is off: stay disconnected with the error. */
  | { kind: 'stop' }
  /** The policy's limit of failed attempts in a row was reached. */
  | { kind: 'give-up'; error: DeckError };

export interface SessionAttempts {
  /** The URL of the current (or next) attempt. */
  readonly url: string;
  /** A connection was made: failed attempts no longer count towards the limit. */
  connected(): void;
  /**
   * Counts a failure (`failedAttempt`: the attempt never connected; else a connection was
   * lost), moves to the next URL, and says whether and when to try again.
   */
  failed(error: DeckError, failedAttempt: boolean): AfterFailure;
  /** The connection lasted: the next delay starts from the first step again. */
  resetDelay(): void;
  /** Whether a CONNACK refusal `code` should move on to another URL rather than stop. */
  triesAnotherUrl(code: number): boolean;
}

export function createSessionAttempts(
  profile: ConnectionProfile,
  fallbackPolicy: BackoffPolicy = RECONNECT_BACKOFF,
  random?: () => number,
): SessionAttempts {
  const urls = [profile.url, ...(profile.fallbackUrls ?? [])];
  const policy = profile.reconnect;
  const backoff = createBackoff(
    policy
      ? {
          ...RECONNECT_BACKOFF,
          initialDelayMs: policy.initialDelayMs,
          maxDelayMs: policy.maxDelayMs,
        }
      : fallbackPolicy,
    random,
  );
  let index = 0;
  let failures = 0;
  return {
    get url() {
      return urls[index] ?? profile.url;
    },
    connected() {
      failures = 0;
    },
    failed(error, failedAttempt) {
      index = (index + 1) % urls.length;
      if (failedAttempt) failures += 1;
      if (policy && !policy.enabled) return { kind: 'stop' };
      if (policy && policy.maxAttempts > 0 && failures >= policy.maxAttempts) {
        const tries = failures === 1 ? '1 failed attempt' : `${failures} failed attempts in a row`;
        const message = `Gave up after ${tries}. The last: ${error.message}`;
        return { kind: 'give-up', error: { code: error.code, message } };
      }
      return { kind: 'retry', ...backoff.next() };
    },
    resetDelay() {
      backoff.reset();
    },
    triesAnotherUrl: (code) => urls.length > 1 && TRY_ANOTHER_SERVER.has(code),
  };
}
