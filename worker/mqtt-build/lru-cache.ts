// lru-cache for mqtt.js's TopicAliasSend, its only user in the chunk: a Map in recency order with
// the five members that class calls (about 5 KB gzipped of the package for them).

/** The newest `max` entries; `get` and `set` make an entry the most recently used. */
export class LRUCache<K, V> {
  readonly #max: number;
  readonly #entries = new Map<K, V>();

  constructor(options: { max: number }) {
    this.#max = options.max;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key) as V;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#max)
      this.#entries.delete(this.#entries.keys().next().value as K);
    return this;
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Most recently used first, as lru-cache's `keys()` (TopicAliasSend takes the last as LRU). */
  *keys(): IterableIterator<K> {
    yield* [...this.#entries.keys()].reverse();
  }
}
