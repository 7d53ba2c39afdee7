// Coalesces items into arrays: a batch is flushed when it is full or when its first item has
// waited long enough. Used for UI posts (one per frame) and history writes (one transaction each).

/** The timer the batcher uses; injectable so tests can drive time by hand. */
export interface BatchTimer {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

export const NATIVE_TIMER: BatchTimer = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface BatcherOptions<T> {
  /** Flush as soon as the batch holds this many items. */
  maxItems: number;
  /** Flush this long after the first item of a batch arrived, however few items it holds. */
  maxDelayMs: number;
  onFlush(items: T[]): void;
  timer?: BatchTimer;
}

export interface Batcher<T> {
  push(item: T): void;
  /** Flushes now whatever is waiting (nothing happens when the batch is empty). */
  flush(): void;
  /** The items waiting for the next flush, oldest first. */
  pending(): readonly T[];
  /** Drops the waiting items and the timer. */
  dispose(): void;
}

export function createBatcher<T>(options: BatcherOptions<T>): Batcher<T> {
  const timer = options.timer ?? NATIVE_TIMER;
  let items: T[] = [];
  let handle: unknown = null;

  function flush(): void {
    if (handle !== null) {
      timer.clear(handle);
      handle = null;
    }
    if (items.length === 0) return;
    const batch = items;
    items = [];
    options.onFlush(batch);
  }

  return {
    push(item) {
      items.push(item);
      if (items.length >= options.maxItems) {
        flush();
      } else if (handle === null) {
        handle = timer.set(() => {
          handle = null;
          flush();
        }, options.maxDelayMs);
      }
    },
    flush,
    pending: () => items,
    dispose() {
      if (handle !== null) timer.clear(handle);
      handle = null;
      items = [];
    },
  };
}
