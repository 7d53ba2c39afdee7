// The Dashboards view: the toolbar, the chosen dashboard's tile grid (with edit tools in edit
// mode), the tile editor, and on first run the offer of the demo dashboard.
import { Show, createMemo, createSignal, onMount } from 'solid-js';
import { useConnection } from '../connection/connection';
import { useSubscriptions } from '../subscriptions/subscriptions';
import { deckBridge } from '../worker-bridge';
import { autoSubscribe } from './auto-subscribe';
import { DashboardBar } from './DashboardBar';
import { boundTopics, type Tile } from './dashboard-model';
import { createDashboards } from './dashboards-store';
import { demoDashboard } from './demo-dashboard';
import { createLiveValues, createNow } from './live-values';
import { newTile } from './tile-defaults';
import type { TileEnv } from './tile-env';
import { TileGrid } from './TileGrid';
import { TileEditor } from './TileEditor';
import './dashboards.css';
import './tiles.css';
import './tile-controls.css';

export default function DashboardsView() {
  const bridge = deckBridge();
  const store = createDashboards(bridge);
  const connection = useConnection();
  const subscriptions = useSubscriptions();
  const topics = createMemo(() => store.current()?.tiles.flatMap(boundTopics) ?? []);
  const env: TileEnv = {
    live: createLiveValues(bridge, topics),
    now: createNow(),
    publish: (topic, payload, options) => bridge.publish(topic, payload, options),
  };
  autoSubscribe({
    connected: () => connection.status().state === 'connected',
    topics,
    subscriptions: () => subscriptions.list,
    subscribe: (filter) => subscriptions.subscribeTo(filter, 0),
  });
  const [editor, setEditor] = createSignal<{ tile: Tile; isNew: boolean }>();
  onMount(() => void store.load());

  const edit = {
    configure: (tile: Tile) => setEditor({ tile, isNew: false }),
    move: (id: string, by: number) => store.moveTile(id, by),
    resize: (id: string, dw: number, dh: number) => store.resizeTile(id, dw, dh),
    remove: (id: string) => store.removeTile(id),
  };

  return (
    <section class="dashboards-view" aria-labelledby="dashboards-title">
      <div class="dashboards-head">
        <h2 id="dashboards-title" class="card-title">
          {store.current()?.name ?? 'Dashboards'}
        </h2>
        <DashboardBar
          store={store}
          onAddTile={() => setEditor({ tile: newTile('value'), isNew: true })}
        />
      </div>
      <Show when={store.problem()}>
        {(p) => (
          <p class="banner bad" role="alert">
            {p()}
          </p>
        )}
      </Show>
      <Show when={store.editing() && editor()}>
        {(open) => (
          <TileEditor
            tile={open().tile}
            isNew={open().isNew}
            onCancel={() => setEditor()}
            onSave={(tile) => {
              if (open().isNew) store.addTile(tile);
              else store.replaceTile(tile);
              setEditor();
            }}
          />
        )}
      </Show>
      <Show when={store.loaded() && store.list.length === 0}>
        <div class="card dashboards-empty">
          <p>
            No dashboards yet. A dashboard is a grid of tiles (values, gauges, charts, status
            lights, switches) bound to topics.
          </p>
          <p class="muted">
            The demo dashboard shows the simulated device of the dev broker (<code>npm start</code>
            ).
          </p>
          <button type="button" class="btn primary" onClick={() => store.add(demoDashboard())}>
            Add demo dashboard
          </button>
        </div>
      </Show>
      <Show when={store.current()}>
        {(d) => (
          <>
            <Show when={d().tiles.length === 0}>
              <p class="card muted">This dashboard has no tiles yet: Edit, then Add tile.</p>
            </Show>
            <TileGrid
              tiles={d().tiles}
              env={env}
              edit={store.editing() ? edit : undefined}
              label={`Tiles of ${d().name}`}
            />
          </>
        )}
      </Show>
    </section>
  );
}
