// The messages domain: a bounded, newest-first list of summaries (live batches over stored history).
import { createSignal } from 'solid-js';
import type { MessageSummary, StoredMessage } from '../../worker/protocol';
import type { DeckBridge } from '../worker-bridge';
import { createStoreContext } from './store-context';

/** Summaries kept while messages stream in; older ones stay in history, a "Load older" away. */
export const LIVE_LIMIT = 5_000;
/** Hard cap once the person loads older pages (each summary holds up to a 1 KB preview). */
export const MEMORY_LIMIT = 20_000;
export const HISTORY_PAGE_SIZE = 500;

const newestFirst = (a: MessageSummary, b: MessageSummary) => b.id - a.id;

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
  const [items, setItems] = createSignal<readonly MessageSummary[]>([]);
  const [hasOlder, setHasOlder] = createSignal(false);
  const [loading, setLoading] = createSignal(false);
  const [loadError, setLoadError] = createSignal<string>();
  const [selectedId, setSelectedId] = createSignal<number>();
  let limit = LIVE_LIMIT;

  function add(incoming: MessageSummary[]) {
    if (incoming.length === 0) return;
    const batch = incoming.slice().sort(newestFirst);
    const current = items();
    const top = current[0];
    const last = batch[batch.length - 1];
    // The usual case is a batch wholly newer than the list: a prepend, no merge needed.
    let next =
      top === undefined || (last !== undefined && last.id > top.id)
        ? batch.concat(current)
        : mergeNewestFirst(batch, current);
    if (next.length > limit) {
      next = next.slice(0, limit);
      setHasOlder(true);
    }
    setItems(next);
  }

  async function readPage(before?: number) {
    setLoading(true);
    setLoadError(undefined);
    try {
      return await bridge.readHistory({ before, limit: HISTORY_PAGE_SIZE });
    } catch (error) {
      setLoadError(`History could not be read: ${error instanceof Error ? error.message : error}`);
      return undefined;
    } finally {
      setLoading(false);
    }
  }

  const actions = {
    receive: add,

    /** Shows the newest stored page, so a reload looks like the moment before it. */
    async loadNewest() {
      const page = await readPage();
      if (!page) return;
      add(page.messages);
      if (page.next !== undefined) setHasOlder(true);
    },

    async loadOlder() {
      const oldest = items()[items().length - 1];
      if (loading() || oldest === undefined || items().length >= MEMORY_LIMIT) return;
      const page = await readPage(oldest.id);
      if (!page) return;
      const older = page.messages.filter((m) => m.id < oldest.id).sort(newestFirst);
      limit = Math.min(MEMORY_LIMIT, Math.max(limit, items().length + older.length));
      setItems(items().concat(older).slice(0, limit));
      setHasOlder(page.next !== undefined);
    },

    atMemoryLimit: () => items().length >= MEMORY_LIMIT,

    select(id: number | undefined) {
      setSelectedId(id);
    },

    fetchMessage(id: number): Promise<StoredMessage | undefined> {
      return bridge.getMessage(id);
    },
  };

  return { items, hasOlder, loading, loadError, selectedId, ...actions };
}

export type MessagesStore = ReturnType<typeof createMessages>;
export const [MessagesContext, useMessages] = createStoreContext<MessagesStore>('useMessages');
