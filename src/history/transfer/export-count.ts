// How many messages the export would write: the explorer's query counted (the store's countAll),
// started again whenever the filter or the source changes.
import { createEffect, createSignal, onCleanup } from 'solid-js';
import type { Accessor } from 'solid-js';
import type { HistoryQuery } from '../../../shared/protocol';
import type { Explorer } from '../explorer';

export interface ExportCount {
  /** The total, once counted. */
  count: Accessor<number | undefined>;
  /** Why it could not be counted (a bad filter, the worker). */
  error: Accessor<string | undefined>;
}

export function createExportCount(explorer: Explorer, query: Accessor<HistoryQuery>): ExportCount {
  const [count, setCount] = createSignal<number>();
  const [error, setError] = createSignal<string>();
  createEffect(() => {
    const q = query();
    let stale = false;
    onCleanup(() => (stale = true));
    setCount(undefined);
    setError(undefined);
    void explorer
      .countAll(
        q,
        () => {},
        () => stale,
      )
      .then((outcome) => {
        if (!outcome) return;
        if ('error' in outcome) setError(outcome.error);
        else setCount(outcome.total);
      });
  });
  return { count, error };
}
