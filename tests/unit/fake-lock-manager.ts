// A Web Locks LockManager in memory (exclusive locks, ifAvailable and steal), shared by the
// "tabs" of a test the way navigator.locks is shared by the tabs of an origin.
import type { LockRequester } from '../../worker/connection-lock';

interface Held {
  /** Rejects the holder's request promise, as the browser does when a lock is stolen. */
  abort(): void;
}

export interface FakeLockManager extends LockRequester {
  isHeld(name: string): boolean;
  /** The holder's tab closed: its lock goes, and nobody in it hears of it. */
  drop(name: string): void;
  /** Stops answering requests (a broken lock manager): callbacks are never called. */
  silence(): void;
  /** Answers the requests held back by silence(), granting each lock. */
  answerSilenced(): Promise<void>;
}

export function fakeLockManager(): FakeLockManager {
  const held = new Map<string, Held>();
  let silent = false;
  const silenced: (() => void)[] = [];

  function grant(name: string, callback: (lock: unknown) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry: Held = { abort: () => reject(new DOMException('stolen', 'AbortError')) };
      held.set(name, entry);
      void Promise.resolve(callback({ name, mode: 'exclusive' })).finally(() => {
        if (held.get(name) === entry) held.delete(name);
        resolve(undefined);
      });
    });
  }

  return {
    isHeld: (name) => held.has(name),
    drop: (name) => void held.delete(name),
    query: async () => ({ held: [...held.keys()].map((name) => ({ name })) }),
    silence: () => void (silent = true),
    async answerSilenced() {
      silent = false;
      for (const answer of silenced.splice(0)) answer();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    request(name, options, callback) {
      if (silent) {
        return new Promise((resolve) => silenced.push(() => resolve(grant(name, callback))));
      }
      const holder = held.get(name);
      if (holder && options.steal) {
        held.delete(name);
        holder.abort();
      } else if (holder && options.ifAvailable) {
        return Promise.resolve(callback(null));
      } else if (holder) {
        throw new Error('fake lock manager: waiting for a lock is not modelled');
      }
      return grant(name, callback);
    },
  };
}
