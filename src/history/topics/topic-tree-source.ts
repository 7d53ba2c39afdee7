// Keeps the topic tree of the shown history: `topicStats` of live history or a capture, and for
// live history every 'messages' batch merged in as it arrives (a view refresh at most every
// REFRESH_MS). A post that left messages out (a burst) is made good by reading the stats again.
import { createSignal, onCleanup, untrack } from 'solid-js';
import type { Accessor } from 'solid-js';
import type { MessageSummary } from '../../../shared/protocol';
import { errorText } from '../../ui/error-text';
import type { Explorer } from '../explorer';
import { pruneRates } from './topic-rate';
import { buildTree, emptyTree, markCleared, mergeBatch } from './topic-tree';
import type { TopicTree } from './topic-tree';

/** How often live changes reach the screen: counts, not frames, are what people read here. */
const REFRESH_MS = 500;
/** After a post that left messages out, the stats are read again this long after the burst. */
const RESYNC_AFTER_MS = 5_000;
/** The clock relative times and rates are shown against. */
const CLOCK_TICK_MS = 5_000;

export interface TopicTreeSource {
  /** The tree; read `version()` to be told when it changed in place. */
  tree: Accessor<TopicTree>;
  version: Accessor<number>;
  loading: Accessor<boolean>;
  error: Accessor<string | undefined>;
  /** Now, ticking every few seconds, for relative times and rates. */
  now: Accessor<number>;
  live: Accessor<boolean>;
  /** Reads the stats of `source` afresh (the tab calls it when the source changes). */
  load(source: string | undefined): Promise<void>;
  cleared(topic: string): void;
}

export function createTopicTreeSource(explorer: Explorer): TopicTreeSource {
  const [tree, setTree] = createSignal<TopicTree>(emptyTree(false), { equals: false });
  const [version, setVersion] = createSignal(0);
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal<string>();
  const [now, setNow] = createSignal(Date.now());
  let generation = 0;
  // Whether the tree being kept is live history's (set by `load`), read by the event listener.
  let keepingLive = false;
  let pending: MessageSummary[] | undefined;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let resyncTimer: ReturnType<typeof setTimeout> | undefined;

  function refreshSoon() {
    refreshTimer ??= setTimeout(() => {
      refreshTimer = undefined;
      setVersion(untrack(tree).version);
    }, REFRESH_MS);
  }

  async function load(from: string | undefined) {
    const mine = ++generation;
    const live = from === undefined;
    keepingLive = live;
    // Live batches that arrive while the stats are read wait here, then merge past the snapshot.
    pending = live ? [] : undefined;
    setLoading(true);
    setError(undefined);
    try {
      const stats = await explorer.topicStats(from);
      if (mine !== generation) return;
      const built = buildTree(stats, live);
      // A resync keeps the rates: they count arrivals, which the stats do not hold.
      const before = tree().rates;
      if (live && before) built.rates = before;
      if (pending) mergeBatch(built, pending, Date.now());
      pending = undefined;
      setTree(built);
      setVersion(built.version);
    } catch (e) {
      if (mine !== generation) return;
      pending = undefined;
      setTree(emptyTree(live));
      setError(`The topics could not be read: ${errorText(e)}`);
    } finally {
      if (mine === generation) setLoading(false);
    }
  }

  const unsubscribe = explorer.onEvents((events) => {
    if (!keepingLive) return;
    for (const event of events) {
      if (event.type !== 'messages') continue;
      if (pending) pending.push(...event.messages);
      else mergeBatch(untrack(tree), event.messages, Date.now());
      if (event.received > event.messages.length) {
        clearTimeout(resyncTimer);
        resyncTimer = setTimeout(() => void load(undefined), RESYNC_AFTER_MS);
      }
    }
    refreshSoon();
  });

  const clock = setInterval(() => {
    setNow(Date.now());
    const rates = untrack(tree).rates;
    if (rates) pruneRates(rates, Date.now());
  }, CLOCK_TICK_MS);

  onCleanup(() => {
    generation++;
    unsubscribe();
    clearInterval(clock);
    clearTimeout(refreshTimer);
    clearTimeout(resyncTimer);
  });

  return {
    tree,
    version,
    loading,
    error,
    now,
    live: () => explorer.source() === undefined,
    load,
    cleared(topic) {
      markCleared(tree(), topic);
      setVersion(tree().version);
    },
  };
}
