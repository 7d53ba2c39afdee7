// The History view's store, created by the view (a chunk of its own): which history is shown
// (live or a capture), the explorer's filter, which tab is open, and the worker's calls on stored
// history that the tabs make. The Topics tab selects into the filter; Export writes the filter's
// selection; the Chart reads the source and the time range.
import { createContext, createSignal, useContext } from 'solid-js';
import type { CaptureInfo, HistoryConditions, HistoryQuery } from '../../shared/protocol';
import { errorText } from '../ui/error-text';
import { deckBridge, type DeckBridge } from '../worker-bridge';
import type { ClearOutcome } from './topics/clear-retained';

export const HISTORY_TABS = ['explore', 'topics', 'chart', 'transfer', 'storage'] as const;
export type HistoryTab = (typeof HISTORY_TABS)[number];

/** The explorer's filter: a HistoryQuery without paging (`before`, `limit`) or source. */
export type ExplorerFilter = Omit<
  HistoryQuery,
  'before' | 'limit' | keyof Pick<HistoryConditions, 'source'>
>;

/** A count to its end, why it could not be made, or undefined once a newer one took over. */
export type CountOutcome = { total: number } | { error: string } | undefined;

type HistoryBridge = Pick<
  DeckBridge,
  | 'listCaptures'
  | 'deleteCapture'
  | 'readHistory'
  | 'countHistory'
  | 'getMessage'
  | 'readConnectionLog'
  | 'topicStats'
  | 'topLevelUsage'
  | 'storageInfo'
  | 'historySeries'
  | 'exportHistory'
  | 'importCapture'
  | 'cancelTransfer'
  | 'publish'
  | 'onEvents'
>;

export function createExplorer(bridge: HistoryBridge = deckBridge()) {
  const [source, setSource] = createSignal<string | undefined>();
  const [filter, setFilter] = createSignal<ExplorerFilter>({});
  const [tab, setTab] = createSignal<HistoryTab>('explore');

  return {
    /** A capture's id, or undefined for live history. */
    source,
    setSource,
    filter,
    /** Replaces the filter (the explorer's form applies it; others may set parts of it). */
    setFilter,
    /** The filter with the source, as the worker's calls take it. */
    query(limit: number, before?: number): HistoryQuery {
      const q: HistoryQuery = { ...filter(), limit };
      const s = source();
      if (s !== undefined) q.source = s;
      if (before !== undefined) q.before = before;
      return q;
    },
    tab,
    setTab,
    /** Shows the messages of `topic` (and below it when `subtree`) in the Explore tab. */
    showTopic(topic: string, subtree: boolean) {
      // A topic name may hold no wildcard, so `topic/#` is exactly "this topic and below".
      setFilter({ ...filter(), topicFilter: subtree ? `${topic}/#` : topic });
      setTab('explore');
    },

    /** The imported captures; none when they cannot be read. */
    captures: (): Promise<CaptureInfo[]> => bridge.listCaptures().catch(() => []),

    /** Deletes a capture; when it was the one shown, live history is shown instead. */
    async deleteCapture(id: string): Promise<{ ok: true } | { ok: false; message: string }> {
      const result = await bridge
        .deleteCapture(id)
        .catch((e: unknown) => ({ ok: false as const, message: String(e) }));
      if (result.ok && source() === id) setSource(undefined);
      return result;
    },

    /**
     * Counts what `q` matches in the worker's bounded steps, summed; `progress` hears the running
     * total after each step but the last. Ends quietly (undefined) once `stale()`.
     */
    async countAll(
      q: HistoryQuery,
      progress: (total: number) => void,
      stale: () => boolean,
    ): Promise<CountOutcome> {
      let total = 0;
      let before: number | undefined;
      try {
        for (;;) {
          const step = await bridge.countHistory(before === undefined ? q : { ...q, before });
          if (stale()) return undefined;
          if (step.error) return { error: step.error.message };
          total += step.count;
          if (step.next === undefined) return { total };
          before = step.next;
          progress(total);
        }
      } catch (error) {
        return stale() ? undefined : { error: errorText(error) };
      }
    },

    /** An empty retained message on `topic`: the broker then drops the one it keeps. */
    async clearRetained(topic: string): Promise<ClearOutcome> {
      const result = await bridge.publish(topic, '', { qos: 1, retain: true });
      if (!result.ok) return { ok: false, message: result.message };
      if (result.queued)
        return { ok: false, message: 'Not acknowledged yet: queued for the next connection.' };
      return { ok: true };
    },

    // The other calls as the worker takes them (a source argument: undefined is live history).
    readHistory: bridge.readHistory,
    getMessage: bridge.getMessage,
    readConnectionLog: bridge.readConnectionLog,
    topicStats: bridge.topicStats,
    topLevelUsage: bridge.topLevelUsage,
    storageInfo: bridge.storageInfo,
    historySeries: bridge.historySeries,
    exportHistory: bridge.exportHistory,
    importCapture: bridge.importCapture,
    cancelTransfer: bridge.cancelTransfer,
    /** The worker's event batches (the Topics tab merges live messages into its tree). */
    onEvents: bridge.onEvents,
  };
}

export type Explorer = ReturnType<typeof createExplorer>;

export const ExplorerContext = createContext<Explorer>();

export function useExplorer(): Explorer {
  const explorer = useContext(ExplorerContext);
  if (!explorer) throw new Error('useExplorer outside the History view');
  return explorer;
}
