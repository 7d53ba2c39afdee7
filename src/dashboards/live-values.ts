// Live values for the dashboard on screen: the newest message of each bound topic, fed by the
// worker's event batches (one scan per batch, see live-index.ts) and seeded from history when a
// topic is first bound, so a tile shows its last known value (and its true age) at once.
import { batch, createEffect, createSignal, onCleanup, type Signal } from 'solid-js';
import type { MessageSummary } from '../../shared/protocol';
import type { DeckBridge } from '../worker-bridge';
import { bindTopics, newestPerKey } from './live-index';

/** How often ages ("12 s ago") and staleness are worked out again. */
export const AGE_TICK_MS = 1_000;

/**
 * Tiles show a new value at most this often. The worker posts up to 60 batches a second; a
 * repaint of every tile on each one (and of the charts' legends) cost a wall screen a quarter of
 * a core at 200 msg/s, and nobody reads a number that changes faster. Charts get every sample.
 */
export const DISPLAY_INTERVAL_MS = 500;

export type SampleListener = (found: ReadonlyMap<string, MessageSummary>) => void;

export function createLiveValues(
  bridge: Pick<DeckBridge, 'onEvents' | 'readHistory'>,
  keys: () => readonly string[],
) {
  const values = new Map<string, Signal<MessageSummary | undefined>>();
  const listeners = new Set<SampleListener>();
  let binding = bindTopics([]);
  // Apart from `values`: a tile may create a key's signal (reading it) before it is seeded.
  const seeded = new Set<string>();

  const signalOf = (key: string) => {
    let signal = values.get(key);
    if (!signal) {
      const [get, set] = createSignal<MessageSummary | undefined>(undefined, { equals: false });
      signal = [get, set];
      values.set(key, signal);
    }
    return signal;
  };

  async function seed(key: string) {
    try {
      const page = await bridge.readHistory({ topicFilter: key, limit: 1 });
      const stored = page.messages[0];
      const [get, set] = signalOf(key);
      if (stored && (get()?.id ?? -1) < stored.id) set(stored);
    } catch {
      // No history (or no worker): the tile waits for the next live message.
    }
  }

  createEffect(() => {
    const wanted = new Set(keys());
    for (const key of values.keys()) if (!wanted.has(key)) values.delete(key);
    for (const key of seeded) if (!wanted.has(key)) seeded.delete(key);
    for (const key of wanted) {
      if (seeded.has(key)) continue;
      seeded.add(key);
      void seed(key);
    }
    binding = bindTopics(wanted);
  });

  // The newest message of each key since the tiles were last updated.
  const pending = new Map<string, MessageSummary>();
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  function show(): void {
    showTimer = undefined;
    batch(() => {
      for (const [key, message] of pending) signalOf(key)[1](message);
    });
    pending.clear();
  }

  const off = bridge.onEvents((events) => {
    for (const event of events) {
      if (event.type !== 'messages' || event.messages.length === 0) continue;
      const found = newestPerKey(event.messages, binding);
      if (found.size === 0) continue;
      for (const [key, message] of found) pending.set(key, message);
      showTimer ??= setTimeout(show, DISPLAY_INTERVAL_MS);
      for (const listener of listeners) listener(found);
    }
  });
  onCleanup(() => {
    off();
    clearTimeout(showTimer);
  });

  return {
    /** The newest message for `key` (a topic or filter), tracked. */
    latest: (key: string) => signalOf(key)[0](),
    /** Called once per batch with the newest message of each bound key that had one. */
    onSamples(listener: SampleListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type LiveValues = ReturnType<typeof createLiveValues>;

/** The clock the tiles' ages are measured against, ticking once a second. */
export function createNow(): () => number {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), AGE_TICK_MS);
  onCleanup(() => clearInterval(timer));
  return now;
}
