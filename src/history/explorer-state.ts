// What the History view's parts share: which history is shown (live or a capture), the
// explorer's filter, and which tab is open. The Topics tab selects into the filter; Export
// writes the filter's selection; the Chart reads the source and the time range.
import { createContext, createSignal, useContext } from 'solid-js';
import type { Accessor } from 'solid-js';
import type { HistoryConditions, HistoryQuery } from '../../shared/protocol';

export const HISTORY_TABS = ['explore', 'topics', 'chart', 'transfer', 'storage'] as const;
export type HistoryTab = (typeof HISTORY_TABS)[number];

/** The explorer's filter: a HistoryQuery without paging (`before`, `limit`) or source. */
export type ExplorerFilter = Omit<
  HistoryQuery,
  'before' | 'limit' | keyof Pick<HistoryConditions, 'source'>
>;

export interface ExplorerState {
  /** A capture's id, or undefined for live history. */
  source: Accessor<string | undefined>;
  setSource(source: string | undefined): void;
  filter: Accessor<ExplorerFilter>;
  /** Replaces the filter (the explorer's form applies it; others may set parts of it). */
  setFilter(filter: ExplorerFilter): void;
  /** The filter with the source, as the worker's calls take it. */
  query(limit: number, before?: number): HistoryQuery;
  tab: Accessor<HistoryTab>;
  setTab(tab: HistoryTab): void;
  /** Shows the messages of `topic` (and below it when `subtree`) in the Explore tab. */
  showTopic(topic: string, subtree: boolean): void;
}

export function createExplorerState(): ExplorerState {
  const [source, setSource] = createSignal<string | undefined>();
  const [filter, setFilter] = createSignal<ExplorerFilter>({});
  const [tab, setTab] = createSignal<HistoryTab>('explore');
  return {
    source,
    setSource,
    filter,
    setFilter,
    query(limit, before) {
      const q: HistoryQuery = { ...filter(), limit };
      const s = source();
      if (s !== undefined) q.source = s;
      if (before !== undefined) q.before = before;
      return q;
    },
    tab,
    setTab,
    showTopic(topic, subtree) {
      // A topic name may hold no wildcard, so `topic/#` is exactly "this topic and below".
      setFilter({ ...filter(), topicFilter: subtree ? `${topic}/#` : topic });
      setTab('explore');
    },
  };
}

export const ExplorerContext = createContext<ExplorerState>();

export function useExplorer(): ExplorerState {
  const state = useContext(ExplorerContext);
  if (!state) throw new Error('useExplorer outside the History view');
  return state;
}
