// The History view (a chunk of its own): live history or an imported capture, explored through
// five tabs that share one filter (explorer-state.ts).
import { For, Match, Switch, createEffect, createResource, on, onCleanup } from 'solid-js';
import { deckBridge } from '../worker-bridge';
import { ChartTab } from './chart/ChartTab';
import { ExploreTab } from './explore/ExploreTab';
import { ExplorerContext, HISTORY_TABS, createExplorerState } from './explorer-state';
import type { HistoryTab } from './explorer-state';
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
function SourcePicker(props: { state: ReturnType<typeof createExplorerState> }) {
  const [captures, { refetch }] = createResource(() => deckBridge().listCaptures());
  const timer = setInterval(() => void refetch(), 5_000);
  onCleanup(() => clearInterval(timer));
  // A capture chosen elsewhere (Show capture, a launched file) may be newer than the list.
  createEffect(
    on(
      () => props.state.source(),
      (source) => {
        if (source !== undefined && !captures()?.some((c) => c.id === source)) void refetch();
      },
    ),
  );
  return (
    <label class="history-source">
      <span>Showing</span>
      <select onChange={(e) => props.state.setSource(e.currentTarget.value || undefined)}>
        {/* `selected` per option: a select's value is not applied again when options arrive. */}
        <option value="" selected={props.state.source() === undefined}>
          Live history
        </option>
        <For each={captures() ?? []}>
          {(capture) => (
            <option value={capture.id} selected={capture.id === props.state.source()}>
              Capture: {capture.name}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}

export default function HistoryView() {
  const state = createExplorerState();
  return (
    <ExplorerContext.Provider value={state}>
      <LaunchedFiles />
      <section class="history-view" aria-labelledby="history-title">
        <header class="history-head">
          <h2 id="history-title" class="card-title">
            History
          </h2>
          <SourcePicker state={state} />
        </header>
        <div class="history-tabs" role="tablist" aria-label="History">
          <For each={HISTORY_TABS}>
            {(tab) => (
              <button
                type="button"
                role="tab"
                id={`history-tab-${tab}`}
                aria-selected={state.tab() === tab}
                aria-controls="history-tabpanel"
                onClick={() => state.setTab(tab)}
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
          aria-labelledby={`history-tab-${state.tab()}`}
        >
          <Switch>
            <Match when={state.tab() === 'explore'}>
              <ExploreTab />
            </Match>
            <Match when={state.tab() === 'topics'}>
              <TopicsTab />
            </Match>
            <Match when={state.tab() === 'chart'}>
              <ChartTab />
            </Match>
            <Match when={state.tab() === 'transfer'}>
              <TransferTab />
            </Match>
            <Match when={state.tab() === 'storage'}>
              <StorageTab />
            </Match>
          </Switch>
        </div>
      </section>
    </ExplorerContext.Provider>
  );
}
