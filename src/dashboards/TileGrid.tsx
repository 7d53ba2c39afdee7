// The grid of a dashboard's tiles. In edit mode each tile gets its tools: configure, move
// earlier or later, resize and remove, as buttons and as arrow keys (Shift resizes), never drag
// only. Without `edit` it is the plain grid a kiosk shows.
import { For, Show } from 'solid-js';
import type { Tile } from './dashboard-model';
import { TileCard, tileLabel } from './TileCard';
import type { TileEnv } from './tile-env';

export interface TileEditing {
  configure(tile: Tile): void;
  move(id: string, by: number): void;
  resize(id: string, dw: number, dh: number): void;
  remove(id: string): void;
}

const KEYS: Record<string, [by: number, dw: number, dh: number]> = {
  ArrowLeft: [-1, -1, 0],
  ArrowUp: [-1, 0, -1],
  ArrowRight: [1, 1, 0],
  ArrowDown: [1, 0, 1],
};

function Tools(props: { tile: Tile; edit: TileEditing }) {
  const name = () => tileLabel(props.tile);
  const tool = (label: string, text: string, run: () => void) => (
    <button
      type="button"
      class="btn small tool"
      aria-label={`${label} ${name()}`}
      title={label}
      onClick={run}
    >
      <span aria-hidden="true">{text}</span>
    </button>
  );
  const id = () => props.tile.id;
  return (
    <div class="tile-tools" role="group" aria-label={`Edit ${name()}`}>
      <button
        type="button"
        class="btn small"
        aria-label={`Configure ${name()}`}
        onClick={() => props.edit.configure(props.tile)}
      >
        Configure
      </button>
      {tool('Move earlier', '←', () => props.edit.move(id(), -1))}
      {tool('Move later', '→', () => props.edit.move(id(), 1))}
      {tool('Narrower', '⇤', () => props.edit.resize(id(), -1, 0))}
      {tool('Wider', '⇥', () => props.edit.resize(id(), 1, 0))}
      {tool('Shorter', '⤒', () => props.edit.resize(id(), 0, -1))}
      {tool('Taller', '⤓', () => props.edit.resize(id(), 0, 1))}
      {tool('Remove', '✕', () => props.edit.remove(id()))}
    </div>
  );
}

export function TileGrid(props: {
  tiles: readonly Tile[];
  env: TileEnv;
  edit?: TileEditing;
  label: string;
}) {
  function onKey(tile: Tile, event: KeyboardEvent) {
    const edit = props.edit;
    const step = KEYS[event.key];
    if (!edit || !step || event.target !== event.currentTarget) return;
    event.preventDefault();
    if (event.shiftKey) edit.resize(tile.id, step[1], step[2]);
    else edit.move(tile.id, step[0]);
    // The tile moved in the DOM: keep the keyboard on it.
    const el = event.currentTarget as HTMLElement;
    queueMicrotask(() => el.isConnected && el.focus());
  }
  return (
    <div
      class="tile-grid"
      role="list"
      aria-label={props.label}
      data-editing={props.edit ? 'true' : undefined}
    >
      <For each={props.tiles}>
        {(tile) => (
          <div role="listitem" class="tile-slot" style={{ '--w': tile.w, '--h': tile.h }}>
            <TileCard
              tile={tile}
              env={props.env}
              onKeyDown={props.edit ? (e) => onKey(tile, e) : undefined}
              tools={<Show when={props.edit}>{(edit) => <Tools tile={tile} edit={edit()} />}</Show>}
            />
          </div>
        )}
      </For>
    </div>
  );
}
