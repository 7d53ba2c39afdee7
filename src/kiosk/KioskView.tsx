// One dashboard alone on a screen: its tiles (no editing tools), a one-line status at the
// bottom, the connection started by itself and never given up, the screen kept on, and updates
// applied when nobody is using it.
import { Show, createMemo, onMount } from 'solid-js';
import { hashOf } from '../app/route';
import { useConnection } from '../connection/connection';
import { DashboardProblem } from '../dashboards/DashboardProblem';
import { createDashboards } from '../dashboards/dashboards-store';
import { createTileEnv } from '../dashboards/tile-env';
import { TileGrid } from '../dashboards/TileGrid';
import { createKioskConnection } from './kiosk-connection';
import { KioskStatusLine } from './KioskStatusLine';
import { kioskIdleMs, updateWhenIdle } from './idle-update';
import { holdWakeLock } from './wake-lock';
import '../dashboards/dashboards.css';
import '../dashboards/tiles.css';
import '../dashboards/tile-controls.css';
import './kiosk.css';

export default function KioskView(props: { dashboardId: string }) {
  // The kiosk reads the saved dashboards; it never selects, edits or saves one.
  const store = createDashboards();
  const dashboard = createMemo(() => store.list.find((d) => d.id === props.dashboardId));
  const connection = useConnection();
  const env = createTileEnv(() => dashboard()?.tiles ?? []);
  const kiosk = createKioskConnection(connection.status);
  const wakeLock = holdWakeLock();
  updateWhenIdle(kioskIdleMs(location.search));
  onMount(() => void store.load());

  return (
    <div class="kiosk" data-kiosk={props.dashboardId}>
      <main class="kiosk-main">
        <Show when={store.loaded() && !dashboard()}>
          <div class="card kiosk-missing" role="alert">
            <h1 class="card-title">No dashboard to show</h1>
            <p>
              This browser has no dashboard with the id “{props.dashboardId}”. It may have been
              deleted, or it was made in another browser (dashboards are kept on each device; export
              and import moves one).
            </p>
            <a class="btn primary" href={hashOf('dashboards')}>
              Dashboards
            </a>
          </div>
        </Show>
        <DashboardProblem store={store} />
        <Show when={dashboard()}>
          {(d) => (
            <>
              <h1 class="kiosk-title">{d().name}</h1>
              <TileGrid tiles={d().tiles} env={env} label={`Tiles of ${d().name}`} />
            </>
          )}
        </Show>
      </main>
      <KioskStatusLine
        name={dashboard()?.name ?? 'Kiosk'}
        status={connection.status()}
        problem={kiosk.problem()}
        retryAt={kiosk.retryAt()}
        now={env.now()}
        wakeLock={wakeLock()}
      />
    </div>
  );
}
