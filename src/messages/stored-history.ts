// The history domain: how many messages IndexedDB holds, and whether the last write failed.
import { createSignal } from 'solid-js';
import type { DeckError, HistoryEvent } from '../../shared/protocol';
import { createStoreContext } from '../ui/store-context';

export function createHistory() {
  const [stored, setStored] = createSignal(0);
  const [error, setError] = createSignal<DeckError>();

  const actions = {
    apply(event: Pick<HistoryEvent, 'stored' | 'error'>) {
      setStored(event.stored);
      setError(event.error);
    },
  };

  return { stored, error, ...actions };
}

export type HistoryStore = ReturnType<typeof createHistory>;
export const [HistoryContext, useHistory] = createStoreContext<HistoryStore>('useHistory');
