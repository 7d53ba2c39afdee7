// The dashboards domain: the saved dashboards (validated on every load), the one shown, edit
// mode, and the actions that change them, each saved to IndexedDB through the worker.
import { createMemo, createSignal } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import { deckBridge, type DeckBridge } from '../worker-bridge';
import {
  MAX_TILE_HEIGHT,
  MAX_TILE_WIDTH,
  newId,
  type Dashboard,
  type Tile,
} from './dashboard-model';
import { validateDashboard } from './dashboard-validate';
import { newDashboard } from './tile-defaults';
import { errorText } from '../ui/error-text';

/** The dashboard last shown, so a reload (or a kiosk) opens the same one. */
const CURRENT_KEY = 'mqtt-deck.dashboard';

const clamp = (n: number, max: number) => Math.min(max, Math.max(1, n));

export function createDashboards(
  bridge: Pick<DeckBridge, 'listDashboards' | 'saveDashboard' | 'deleteDashboard'> = deckBridge(),
) {
  const [list, setList] = createStore<Dashboard[]>([]);
  const [currentId, setCurrentId] = createSignal<string | undefined>(
    localStorage.getItem(CURRENT_KEY) ?? undefined,
  );
  const [loaded, setLoaded] = createSignal(false);
  const [editing, setEditing] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();

  const current = createMemo(() => list.find((d) => d.id === currentId()) ?? list[0]);

  function select(id: string | undefined) {
    setCurrentId(id);
    if (id) localStorage.setItem(CURRENT_KEY, id);
    else localStorage.removeItem(CURRENT_KEY);
  }

  async function save(dashboard: Dashboard) {
    try {
      // A plain copy: Solid's store proxies cannot be structured-cloned.
      await bridge.saveDashboard(JSON.parse(JSON.stringify(dashboard)) as Dashboard);
      setProblem(undefined);
    } catch (error) {
      setProblem(`The dashboard could not be saved: ${errorText(error)}`);
    }
  }

  /** Applies `change` to the current dashboard, then saves it. */
  function change(edit: (d: Dashboard) => void) {
    const id = current()?.id;
    const index = list.findIndex((d) => d.id === id);
    if (index < 0) return;
    setList(index, produce(edit));
    void save(list[index]!);
  }

  function put(dashboard: Dashboard) {
    const index = list.findIndex((d) => d.id === dashboard.id);
    setList(index < 0 ? list.length : index, dashboard);
    select(dashboard.id);
    void save(dashboard);
  }

  const tileIndex = (d: Dashboard, id: string) => d.tiles.findIndex((t) => t.id === id);

  return {
    list,
    current,
    loaded,
    editing,
    problem,
    setEditing,
    select,

    async load() {
      try {
        const records = await bridge.listDashboards();
        const good: Dashboard[] = [];
        const bad: string[] = [];
        for (const record of records) {
          const checked = validateDashboard(record);
          if (checked.ok) good.push(checked.value);
          else bad.push(`"${String(record.name ?? record.id)}" (${checked.errors[0]})`);
        }
        setList(reconcile(good, { key: 'id' }));
        if (bad.length > 0)
          setProblem(`Saved dashboards that could not be read: ${bad.join('; ')}`);
      } catch (error) {
        setProblem(`Dashboards could not be loaded: ${errorText(error)}`);
      } finally {
        setLoaded(true);
      }
    },

    create(name: string) {
      put(newDashboard(name));
      setEditing(true);
    },
    /** Adds `dashboard` as a new one (a fresh id, so an import never overwrites). */
    add(dashboard: Dashboard) {
      put({ ...dashboard, id: newId('dashboard') });
    },
    rename(name: string) {
      change((d) => void (d.name = name));
    },
    async remove() {
      const id = current()?.id;
      if (!id) return;
      setList((all) => all.filter((d) => d.id !== id));
      select(list[0]?.id);
      try {
        await bridge.deleteDashboard(id);
      } catch (error) {
        setProblem(`The dashboard could not be deleted: ${errorText(error)}`);
      }
    },

    addTile(tile: Tile) {
      change((d) => void d.tiles.push(tile));
    },
    replaceTile(tile: Tile) {
      change((d) => {
        const i = tileIndex(d, tile.id);
        if (i >= 0) d.tiles[i] = tile;
      });
    },
    removeTile(id: string) {
      change((d) => void (d.tiles = d.tiles.filter((t) => t.id !== id)));
    },
    /** Moves a tile `by` places in the grid's order (its position). */
    moveTile(id: string, by: number) {
      change((d) => {
        const from = tileIndex(d, id);
        const to = Math.min(d.tiles.length - 1, Math.max(0, from + by));
        if (from < 0 || to === from) return;
        const [tile] = d.tiles.splice(from, 1);
        d.tiles.splice(to, 0, tile!);
      });
    },
    resizeTile(id: string, dw: number, dh: number) {
      change((d) => {
        const tile = d.tiles[tileIndex(d, id)];
        if (!tile) return;
        tile.w = clamp(tile.w + dw, MAX_TILE_WIDTH);
        tile.h = clamp(tile.h + dh, MAX_TILE_HEIGHT);
      });
    },
  };
}

export type DashboardsStore = ReturnType<typeof createDashboards>;
