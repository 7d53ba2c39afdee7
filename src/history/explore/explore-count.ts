// The count for the Explore filter: countHistory in bounded steps, summed, with the running total
// shown while it goes; a newer filter or source cancels it (its answers are ignored).
import { createSignal } from 'solid-js';
import type { HistoryQuery } from '../../../shared/protocol';
import { formatCount } from '../../ui/payload-format';
import { deckBridge } from '../../worker-bridge';

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

export function createExploreCount() {
  const [count, setCount] = createSignal<CountState>({ state: 'idle' });
  let generation = 0;

  /** Counts what `query(before)` matches; a later call (or `cancel`) makes this one stop. */
  async function run(query: (before?: number) => HistoryQuery): Promise<void> {
    const mine = ++generation;
    let total = 0;
    let before: number | undefined;
    setCount({ state: 'counting', total });
    try {
      for (;;) {
        const step = await deckBridge().countHistory(query(before));
        if (mine !== generation) return;
        if (step.error) {
          setCount({ state: 'failed', message: step.error.message });
          return;
        }
        total += step.count;
        before = step.next;
        if (before === undefined) break;
        setCount({ state: 'counting', total });
      }
      setCount({ state: 'done', total });
    } catch (error) {
      if (mine === generation) setCount({ state: 'failed', message: (error as Error).message });
    }
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
