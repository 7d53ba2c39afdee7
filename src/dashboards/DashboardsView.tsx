// The Dashboards view: the toolbar, the chosen dashboard's tile grid (with edit tools in edit
// mode), the tile editor, and on first run the offer of the demo dashboard.
import { Show, createSignal, onMount } from 'solid-js';
import { DashboardBar } from './DashboardBar';
import { DashboardProblem } from './DashboardProblem';
import type { Tile } from './dashboard-model';
import { createDashboards } from './dashboards-store';
import { demoDashboard } from './demo-dashboard';
import { newTile } from './tile-defaults';
import { createTileEnv } from './tile-env';
import { TileGrid } from './TileGrid';
import { TileEditor } from './TileEditor';
import './dashboards.css';
import './tiles.css';
import './tile-controls.css';

export default function DashboardsView() {
  const store = createDashboards();
  const env = createTileEnv(() => store.current()?.tiles ?? []);
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
      <DashboardProblem store={store} />
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
