// The History view (a chunk of its own): live history or an imported capture, explored through
// five tabs that share one store (explorer.ts: the source, the filter, the worker's calls).
import { For, Match, Switch, createEffect, createResource, on, onCleanup } from 'solid-js';
import { ChartTab } from './chart/ChartTab';
import { ExploreTab } from './explore/ExploreTab';
import { ExplorerContext, HISTORY_TABS, createExplorer, useExplorer } from './explorer';
import type { HistoryTab } from './explorer';
import { StorageTab } from './storage/StorageTab';
import { TopicsTab } from './topics/TopicsTab';
import { LaunchedFiles } from './transfer/LaunchedFiles';
import { TransferTab } from './transfer/TransferTab';
import './history.css';

const TAB_LABELS: Record<HistoryTab, string> = {
  explore: 'Explore',
  topics: 'Topics',
  chart: 'Chart',
  transfer: 'Import & export',
  storage: 'Storage',
};

/** Live history or one of the captures; the list is read again when captures change. */
function SourcePicker() {
  const explorer = useExplorer();
  const [captures, { refetch }] = createResource(() => explorer.captures());
  const timer = setInterval(() => void refetch(), 5_000);
  onCleanup(() => clearInterval(timer));
  // A capture chosen elsewhere (Show capture, a launched file) may be newer than the list.
  createEffect(
    on(
      () => explorer.source(),
      (source) => {
        if (source !== undefined && !captures()?.some((c) => c.id === source)) void refetch();
      },
    ),
  );
  return (
    <label class="history-source">
      <span>Showing</span>
      <select onChange={(e) => explorer.setSource(e.currentTarget.value || undefined)}>
        {/* `selected` per option: a select's value is not applied again when options arrive. */}
        <option value="" selected={explorer.source() === undefined}>
          Live history
        </option>
        <For each={captures() ?? []}>
          {(capture) => (
            <option value={capture.id} selected={capture.id === explorer.source()}>
              Capture: {capture.name}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}

export default function HistoryView() {
  const explorer = createExplorer();
  return (
    <ExplorerContext.Provider value={explorer}>
      <LaunchedFiles />
      <section class="history-view" aria-labelledby="history-title">
        <header class="history-head">
          <h2 id="history-title" class="card-title">
            History
          </h2>
          <SourcePicker />
        </header>
        <div class="history-tabs" role="tablist" aria-label="History">
          <For each={HISTORY_TABS}>
            {(tab) => (
              <button
                type="button"
                role="tab"
                id={`history-tab-${tab}`}
                aria-selected={explorer.tab() === tab}
                aria-controls="history-tabpanel"
                onClick={() => explorer.setTab(tab)}
              >
                {TAB_LABELS[tab]}
              </button>
            )}
          </For>
        </div>
        <div
          class="history-tabpanel"
          id="history-tabpanel"
          role="tabpanel"
          aria-labelledby={`history-tab-${explorer.tab()}`}
        >
          <Switch>
            <Match when={explorer.tab() === 'explore'}>
              <ExploreTab />
            </Match>
            <Match when={explorer.tab() === 'topics'}>
              <TopicsTab />
            </Match>
            <Match when={explorer.tab() === 'chart'}>
              <ChartTab />
            </Match>
            <Match when={explorer.tab() === 'transfer'}>
              <TransferTab />
            </Match>
            <Match when={explorer.tab() === 'storage'}>
              <StorageTab />
            </Match>
          </Switch>
        </div>
      </section>
    </ExplorerContext.Provider>
  );
}
