// How many messages the export would write: the explorer's query counted in the worker's
// bounded steps, started again whenever the filter or the source changes.
import { createEffect, createSignal, onCleanup } from 'solid-js';
import type { Accessor } from 'solid-js';
import type { HistoryQuery } from '../../../shared/protocol';
import { deckBridge } from '../../worker-bridge';
import { errorText } from './transfer-jobs';

export interface ExportCount {
  /** The total, once counted. */
  count: Accessor<number | undefined>;
  /** Why it could not be counted (a bad filter, the worker). */
  error: Accessor<string | undefined>;
}

export function createExportCount(query: Accessor<HistoryQuery>): ExportCount {
  const [count, setCount] = createSignal<number>();
  const [error, setError] = createSignal<string>();
  createEffect(() => {
    const q = query();
    let stale = false;
    onCleanup(() => (stale = true));
    setCount(undefined);
    setError(undefined);
    void (async () => {
      let total = 0;
      let before: number | undefined;
      for (;;) {
        const step = await deckBridge().countHistory(before === undefined ? q : { ...q, before });
        if (stale) return;
        if (step.error) return setError(step.error.message);
        total += step.count;
        if (step.next === undefined) return setCount(total);
        before = step.next;
      }
    })().catch((e: unknown) => {
      if (!stale) setError(errorText(e));
    });
  });
  return { count, error };
}
