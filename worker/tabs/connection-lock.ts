// One Web Lock per broker URL + client ID, shared by every tab of the origin: a tab connects only
// while it holds its connection's lock, so two tabs never throw each other off in a loop.

/** Every lock name starts with this; the rest is the normalized URL, `|`, the client ID. */
export const CONNECTION_LOCK_PREFIX = 'mqtt-deck:connection:';
/** A lock manager answers ifAvailable and steal requests at once; past this, it is broken. */
export const LOCK_ANSWER_TIMEOUT_MS = 5_000;

/** The part of the Web Locks API used here: `navigator.locks`, or a fake in tests. */
export interface LockRequester {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown>;
  /** Which locks are held in the whole origin (optional: only the live mirror uses it). */
  query?(): Promise<{ held?: { name?: string }[] }>;
}

/**
 * `held`: this tab has the lock; `busy`: another tab has it; `unavailable`: no Web Locks here
 * (or the lock manager failed), so there is nothing to coordinate with.
 */
export type LockOutcome = 'held' | 'busy' | 'unavailable';

export interface ConnectionLock {
  /** Takes the lock `name` (letting go of any other first); never waits for another holder. */
  acquire(name: string, steal: boolean): Promise<LockOutcome>;
  /** Lets go of the lock held, if any. */
  release(): void;
  /** The name of the lock held now. */
  held(): string | undefined;
}

/**
 * The lock of one connection, or undefined when none is needed: an empty client ID gets a fresh
 * one from the client or the broker on every connection, so it never collides.
 */
export function connectionLockName(url: string, clientId: string): string | undefined {
  if (clientId === '') return undefined;
  let normalized = url.trim();
  try {
    // Case of scheme and host, default ports, an empty path: one broker, one name.
    normalized = new URL(normalized).href;
  } catch {
    // Not a URL: profile validation refuses it before any lock is asked for.
  }
  return `${CONNECTION_LOCK_PREFIX}${normalized}|${clientId}`;
}

interface Holding {
  name: string;
  letGo(): void;
}

/**
 * `onLost(name)` is called when another tab stole the lock held (the Web Locks API rejects the
 * holder's request with an AbortError); never after `release()`.
 */
export function createConnectionLock(
  locks: LockRequester | undefined,
  onLost: (name: string) => void,
  answerTimeoutMs = LOCK_ANSWER_TIMEOUT_MS,
): ConnectionLock {
  let holding: Holding | undefined;

  function release(): void {
    const current = holding;
    holding = undefined;
    current?.letGo();
  }

  function acquire(name: string, steal: boolean): Promise<LockOutcome> {
    if (holding?.name === name) return Promise.resolve('held');
    release();
    if (!locks) return Promise.resolve('unavailable');
    const manager = locks;
    return new Promise((resolve) => {
      let answered = false;
      const answer = (outcome: LockOutcome) => {
        if (answered) return false;
        answered = true;
        clearTimeout(timer);
        resolve(outcome);
        return true;
      };
      const timer = setTimeout(() => answer('unavailable'), answerTimeoutMs);
      let letGo = () => {};
      const kept = new Promise<void>((done) => (letGo = done));
      const entry: Holding = { name, letGo: () => letGo() };
      const options = steal ? { steal: true } : { ifAvailable: true };
      manager
        .request(name, options, (lock) => {
          if (!lock) return void answer('busy');
          // A grant after the timeout was given up on: returning at once lets go of it.
          if (!answer('held')) return undefined;
          holding = entry;
          return kept;
        })
        .catch(() => {
          if (holding === entry) {
            holding = undefined;
            letGo();
            onLost(name);
          } else answer('unavailable');
        });
    });
  }

  return { acquire, release, held: () => holding?.name };
}
