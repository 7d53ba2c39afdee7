// The messages domain: a bounded, newest-first list of summaries (live batches over stored
// history), held in a ring so a busy stream costs each batch's size, not the list's; live
// batches wait aside while the person reads further down, so nothing moves under them.
import { createSignal } from 'solid-js';
import { topicMatches } from '../../shared/mqtt/topics';
import type { HistoryPage, MessageSummary, StoredMessage } from '../../shared/protocol';
import { createNewestFirstWindow } from './newest-first-window';
import type { DeckBridge } from '../worker-bridge';
import { createStoreContext } from '../ui/store-context';
import { errorText } from '../ui/error-text';

/** Summaries kept while messages stream in; older ones stay in history, a "Load older" away. */
export const LIVE_LIMIT = 5_000;
/** Hard cap once the person loads older pages (each summary holds up to a 1 KB preview). */
export const MEMORY_LIMIT = 20_000;
export const HISTORY_PAGE_SIZE = 500;
/** A filtered read may answer with an empty page and a `next`: follow at most this many. */
const MAX_EMPTY_PAGES = 8;

/** `list` newest first: as is when it already is, reversed when oldest first (live batches). */
function newestFirst(list: readonly MessageSummary[]): readonly MessageSummary[] {
  let descending = true;
  let ascending = true;
  for (let i = 1; i < list.length && (descending || ascending); i++) {
    const step = list[i]!.id - list[i - 1]!.id;
    if (step >= 0) descending = false;
    if (step <= 0) ascending = false;
  }
  if (descending) return list;
  if (ascending) return list.slice().reverse();
  return list.slice().sort((a, b) => b.id - a.id);
}

/** Merges two newest-first lists, dropping duplicate ids (a batch may overlap a history page). */
function mergeNewestFirst(a: readonly MessageSummary[], b: readonly MessageSummary[]) {
  const out: MessageSummary[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    const next = y === undefined || (x !== undefined && x.id >= y.id) ? x : y;
    if (next === x) i++;
    else j++;
    if (next && out[out.length - 1]?.id !== next.id) out.push(next);
  }
  return out;
}

export function createMessages(bridge: DeckBridge) {
  const rows = createNewestFirstWindow<MessageSummary>(MEMORY_LIMIT);
  // The ring changes in place: this signal says that it did.
  const [version, setVersion] = createSignal(0);
  // Live rows held back while the list is held, and how many messages arrived meanwhile.
  const waiting = createNewestFirstWindow<MessageSummary>(LIVE_LIMIT);
  const [unseen, setUnseen] = createSignal(0);
  let holding = false;
  const [hasOlder, setHasOlder] = createSignal(false);
  const [loading, setLoading] = createSignal(false);
  const [loadError, setLoadError] = createSignal<string>();
  const [selectedId, setSelectedId] = createSignal<number>();
  // Only messages on this topic filter are listed (set from the topic tree); undefined for all.
  const [topicFilter, setTopicFilterSignal] = createSignal<string>();
  // Only this connection's messages; undefined for all. History has no connection condition, so
  // its pages are filtered here (see readPage).
  const [connectionFilter, setConnectionFilterSignal] = createSignal<string>();
  // Rises when the filter changes, so a history read begun under the old one is dropped.
  let generation = 0;
  let limit = LIVE_LIMIT;

  const wanted = (list: readonly MessageSummary[]) => {
    const filter = topicFilter();
    const id = connectionFilter();
    if (filter === undefined && id === undefined) return list;
    return list.filter(
      (m) =>
        (filter === undefined || topicMatches(filter, m.topic)) &&
        (id === undefined || m.connectionId === id),
    );
  };

  const count = () => (version(), rows.length());

  function add(incoming: readonly MessageSummary[]) {
    if (incoming.length === 0) return;
    const batch = newestFirst(incoming);
    const top = rows.at(0);
    const oldest = batch[batch.length - 1]!;
    let held: number;
    // The usual case is a batch wholly newer than the list: a prepend, no merge needed.
    if (top === undefined || oldest.id > top.id) {
      held = rows.length() + batch.length;
      rows.prepend(batch, limit);
    } else {
      const merged = mergeNewestFirst(batch, rows.slice(0, rows.length()));
      held = merged.length;
      rows.replace(merged.slice(0, limit));
    }
    if (held > limit) setHasOlder(true);
    setVersion((v) => v + 1);
  }

  /** Reads history pages from `before` until one has messages, the end, or the bound. */
  async function readPage(before?: number): Promise<HistoryPage | undefined> {
    setLoading(true);
    setLoadError(undefined);
    const started = generation;
    const topicFilterNow = topicFilter();
    const read = async (from?: number) => {
      const page = await bridge.readHistory({
        before: from,
        limit: HISTORY_PAGE_SIZE,
        topicFilter: topicFilterNow,
      });
      return { ...page, messages: wanted(page.messages) as MessageSummary[] };
    };
    try {
      let page = await read(before);
      for (let i = 1; i < MAX_EMPTY_PAGES && page.messages.length === 0 && page.next; i++) {
        page = await read(page.next);
      }
      return started === generation ? page : undefined;
    } catch (error) {
      setLoadError(`History could not be read: ${errorText(error)}`);
      return undefined;
    } finally {
      setLoading(false);
    }
  }

  /** A filter changed: the list is read afresh. */
  function relist() {
    generation++;
    rows.replace([]);
    waiting.replace([]);
    setUnseen(0);
    setHasOlder(false);
    setSelectedId(undefined);
    limit = LIVE_LIMIT;
    setVersion((v) => v + 1);
    return actions.loadNewest();
  }

  const actions = {
    /** A live batch from the worker: `received` counts it all, also what the post left out. */
    receive(all: readonly MessageSummary[], received = all.length) {
      const messages = wanted(all);
      // Under a filter only what passes is counted: the rest of a cut post is unknown.
      if (messages !== all) received = messages.length;
      if (!holding) return add(messages);
      if (messages.length > 0) waiting.prepend(newestFirst(messages), LIVE_LIMIT);
      setUnseen((n) => n + received);
    },

    /** While held, the list stays as it is and live batches wait; released, they go on top. */
    hold(on: boolean) {
      if (on === holding) return;
      holding = on;
      if (on) return;
      const held = waiting.slice(0, waiting.length());
      waiting.replace([]);
      setUnseen(0);
      add(held);
    },

    /** Shows the newest stored page, so a reload looks like the moment before it. */
    async loadNewest() {
      const page = await readPage();
      if (!page) return;
      add(page.messages);
      if (page.next !== undefined) setHasOlder(true);
    },

    async loadOlder() {
      const oldest = rows.at(rows.length() - 1);
      if (loading() || oldest === undefined || rows.length() >= MEMORY_LIMIT) return;
      const page = await readPage(oldest.id);
      if (!page) return;
      const older = newestFirst(page.messages.filter((m) => m.id < oldest.id));
      limit = Math.min(MEMORY_LIMIT, Math.max(limit, rows.length() + older.length));
      rows.append(older, limit);
      setHasOlder(page.next !== undefined);
      setVersion((v) => v + 1);
    },

    atMemoryLimit: () => count() >= MEMORY_LIMIT,

    /** Lists only `filter`'s messages (undefined: all again), read afresh from history. */
    setTopicFilter(filter: string | undefined) {
      if (filter === topicFilter()) return Promise.resolve();
      setTopicFilterSignal(filter);
      return relist();
    },

    /** Lists only connection `id`'s messages (undefined: every connection's). */
    setConnectionFilter(id: string | undefined) {
      if (id === connectionFilter()) return Promise.resolve();
      setConnectionFilterSignal(id);
      return relist();
    },

    select(id: number | undefined) {
      setSelectedId(id);
    },

    fetchMessage(id: number): Promise<StoredMessage | undefined> {
      return bridge.getMessage(id);
    },
  };

  return {
    /** How many summaries the list holds. */
    count,
    /** Summaries [from, to), newest first; tracks every change of the list. */
    slice: (from: number, to: number) => (version(), rows.slice(from, to)),
    at: (index: number) => (version(), rows.at(index)),
    indexOfId: (id: number) => (version(), rows.indexOfId(id)),
    /** Messages that arrived while the list was held, shown or not. */
    unseen,
    hasOlder,
    loading,
    loadError,
    selectedId,
    topicFilter,
    connectionFilter,
    ...actions,
  };
}

export type MessagesStore = ReturnType<typeof createMessages>;
export const [MessagesContext, useMessages] = createStoreContext<MessagesStore>('useMessages');
