// The outbox domain: the user's outgoing messages as the worker reports them, newest first,
// cancelling a queued one, and reading the response a request received.
import { createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { OUTBOX_LIST_MAX } from '../../shared/protocol';
import type { OutboxEntry, OutboxEvent } from '../../shared/protocol';
import type { DeckBridge } from '../worker-bridge';
import { createStoreContext } from '../ui/store-context';
import { errorText } from '../ui/error-text';

export function createOutbox(bridge: DeckBridge) {
  const [entries, setEntries] = createStore<OutboxEntry[]>([]);
  const [error, setError] = createSignal<string>();
  // Every entry known, by seq; the store shows the newest OUTBOX_LIST_MAX of them.
  const known = new Map<number, OutboxEntry>();

  function show() {
    const newest = [...known.values()].sort((a, b) => b.seq - a.seq).slice(0, OUTBOX_LIST_MAX);
    if (known.size > newest.length) {
      known.clear();
      for (const entry of newest) known.set(entry.seq, entry);
    }
    setEntries(reconcile(newest, { key: 'seq' }));
  }

  /** A state only moves forward: an entry older than the one shown is a stale read. */
  function merge(entry: OutboxEntry) {
    const current = known.get(entry.seq);
    if (!current || current.updatedAt <= entry.updatedAt) known.set(entry.seq, entry);
  }

  return {
    entries,
    error,
    apply(event: Pick<OutboxEvent, 'entries' | 'removed'>) {
      for (const entry of event.entries) merge(entry);
      for (const seq of event.removed) known.delete(seq);
      show();
    },
    async load() {
      try {
        const list = await bridge.outbox();
        for (const entry of list) merge(entry);
        show();
      } catch {
        // a dead worker is reported through onFailure
      }
    },
    /** The whole stored message that answered a request (OutboxEntry.response). */
    fetchMessage: (id: number) => bridge.getMessage(id),
    async cancel(seq: number) {
      setError(undefined);
      try {
        const result = await bridge.cancelOutgoing(seq);
        if (!result.ok) setError(result.message);
      } catch (e) {
        setError(errorText(e));
      }
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutbox>;
export const [OutboxContext, useOutbox] = createStoreContext<OutboxStore>('useOutbox');
