// A bounded, newest-first list in a ring: adding a batch at the top costs the batch, not the list,
// so a busy stream never copies the thousands of rows already held.

export interface NewestFirstWindow<T extends { id: number }> {
  readonly capacity: number;
  length(): number;
  /** The item at `index`, 0 being the newest. */
  at(index: number): T | undefined;
  /** Items [from, to), newest first. */
  slice(from: number, to: number): T[];
  /** Where the item with `id` is (ids fall strictly from the top), or -1. */
  indexOfId(id: number): number;
  /** Puts `items` (newest first, all newer than the top) on top; keeps at most `limit`. */
  prepend(items: readonly T[], limit: number): void;
  /** Adds `items` (newest first, all older than the bottom) below, while fewer than `limit`. */
  append(items: readonly T[], limit: number): void;
  /** Holds exactly `items` (newest first), cut to the capacity. */
  replace(items: readonly T[]): void;
}

export function createNewestFirstWindow<T extends { id: number }>(
  capacity: number,
): NewestFirstWindow<T> {
  let slots: Array<T | undefined> = new Array<T | undefined>(capacity);
  let head = 0;
  let size = 0;
  const slot = (index: number) => (head + index) % capacity;

  /** Drops everything from `index` down, so no dropped row stays reachable. */
  function cut(index: number): void {
    for (let i = index; i < size; i++) slots[slot(i)] = undefined;
    size = Math.min(size, index);
  }

  const window: NewestFirstWindow<T> = {
    capacity,
    length: () => size,
    at: (index) => (index >= 0 && index < size ? slots[slot(index)] : undefined),
    slice(from, to) {
      const out: T[] = [];
      for (let i = Math.max(0, from); i < Math.min(size, to); i++) out.push(slots[slot(i)] as T);
      return out;
    },
    indexOfId(id) {
      let low = 0;
      let high = size - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const found = (slots[slot(mid)] as T).id;
        if (found === id) return mid;
        if (found > id) low = mid + 1;
        else high = mid - 1;
      }
      return -1;
    },
    prepend(items, limit) {
      const max = Math.min(limit, capacity);
      if (items.length >= max) return window.replace(items.slice(0, max));
      for (let j = items.length - 1; j >= 0; j--) {
        head = (head - 1 + capacity) % capacity;
        slots[head] = items[j];
      }
      // Past the capacity the oldest slots were written over: they are gone already.
      size = Math.min(size + items.length, capacity);
      cut(max);
    },
    append(items, limit) {
      const max = Math.min(limit, capacity);
      for (const item of items) {
        if (size >= max) break;
        slots[slot(size)] = item;
        size += 1;
      }
    },
    replace(items) {
      slots = new Array<T | undefined>(capacity);
      head = 0;
      size = Math.min(items.length, capacity);
      for (let i = 0; i < size; i++) slots[i] = items[i];
    },
  };
  return window;
}
