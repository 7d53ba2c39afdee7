// The count for the Explore filter: the store's countAll, with the running total shown while it
// goes; a newer filter or source cancels it (its answers are ignored).
import { createSignal } from 'solid-js';
import type { HistoryQuery } from '../../../shared/protocol';
import { formatCount } from '../../ui/payload-format';
import type { Explorer } from '../explorer';

export type CountState =
  | { state: 'idle' }
  | { state: 'counting'; total: number }
  | { state: 'done'; total: number }
  | { state: 'failed'; message: string };

/** The count in words, as the results header shows it. */
export function countText(count: CountState): string {
  switch (count.state) {
    case 'idle':
      return '';
    case 'counting':
      return `Counting… ${formatCount(count.total)} so far`;
    case 'done':
      return `${formatCount(count.total)} message${count.total === 1 ? '' : 's'} match`;
    case 'failed':
      return `The count failed: ${count.message}`;
  }
}

export function createExploreCount(explorer: Explorer) {
  const [count, setCount] = createSignal<CountState>({ state: 'idle' });
  let generation = 0;

  /** Counts what `query` matches; a later call (or `cancel`) makes this one stop. */
  async function run(query: HistoryQuery): Promise<void> {
    const mine = ++generation;
    setCount({ state: 'counting', total: 0 });
    const outcome = await explorer.countAll(
      query,
      (total) => setCount({ state: 'counting', total }),
      () => mine !== generation,
    );
    if (!outcome) return;
    setCount(
      'error' in outcome
        ? { state: 'failed', message: outcome.error }
        : { state: 'done', total: outcome.total },
    );
  }

  return {
    count,
    run,
    cancel() {
      generation++;
      setCount({ state: 'idle' });
    },
  };
}
