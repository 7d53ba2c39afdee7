// One tile: its title, its body by kind, and how old its value is. Past the tile's staleness
// age it says "Stale" in words (and dims), so the cue does not rest on colour alone.
import { Match, Show, Switch, createMemo, type JSX } from 'solid-js';
import type { MessageSummary } from '../../shared/protocol';
import { ChartBody } from './ChartTile';
import { ButtonBody, SliderBody, SwitchBody } from './ControlTiles';
import { boundTopics, TILE_KIND_LABELS, type Tile } from './dashboard-model';
import { GaugeBody, StatusBody, TextBody, ValueBody, createTileValue } from './DisplayTiles';
import type { TileEnv } from './tile-env';
import { formatAge } from './tile-format';

export function tileLabel(tile: Tile): string {
  return tile.title || tile.path || tile.topic || TILE_KIND_LABELS[tile.kind];
}

function newest(env: TileEnv, tile: Tile): MessageSummary | undefined {
  let best: MessageSummary | undefined;
  for (const topic of boundTopics(tile)) {
    const m = env.live.latest(topic);
    if (m && (!best || m.time > best.time)) best = m;
  }
  return best;
}

/** The tile as its own kind, or undefined: what a <Match> narrows on. */
function of<K extends Tile['kind']>(tile: Tile, kind: K) {
  return tile.kind === kind ? (tile as Extract<Tile, { kind: K }>) : undefined;
}

function Body(props: { tile: Tile; env: TileEnv; message: MessageSummary | undefined }) {
  const value = createTileValue(props);
  const label = () => tileLabel(props.tile);
  const t = () => props.tile;
  return (
    <Switch>
      <Match when={of(t(), 'value')}>{(x) => <ValueBody tile={x()} value={value()} />}</Match>
      <Match when={of(t(), 'gauge')}>{(x) => <GaugeBody tile={x()} value={value()} />}</Match>
      <Match when={of(t(), 'status')}>{(x) => <StatusBody tile={x()} value={value()} />}</Match>
      <Match when={of(t(), 'text')}>
        {(x) => <TextBody tile={x()} message={props.message} value={value()} />}
      </Match>
      <Match when={of(t(), 'chart')}>
        {(x) => <ChartBody tile={x()} env={props.env} label={label()} />}
      </Match>
      <Match when={of(t(), 'switch')}>
        {(x) => <SwitchBody tile={x()} env={props.env} value={value()} label={label()} />}
      </Match>
      <Match when={of(t(), 'button')}>
        {(x) => <ButtonBody tile={x()} env={props.env} label={label()} />}
      </Match>
      <Match when={of(t(), 'slider')}>
        {(x) => <SliderBody tile={x()} env={props.env} value={value()} label={label()} />}
      </Match>
    </Switch>
  );
}

export function TileCard(props: {
  tile: Tile;
  env: TileEnv;
  tools?: JSX.Element;
  onKeyDown?: (e: KeyboardEvent) => void;
}) {
  const message = createMemo(() => newest(props.env, props.tile));
  const age = () => {
    const m = message();
    return m === undefined ? undefined : props.env.now() - m.time;
  };
  const stale = () => {
    const a = age();
    return a !== undefined && a > props.tile.staleAfterS * 1_000;
  };
  const titleId = () => `tile-${props.tile.id}`;
  return (
    <article
      class="tile"
      data-kind={props.tile.kind}
      data-stale={stale() ? 'true' : undefined}
      aria-labelledby={titleId()}
      tabindex={props.onKeyDown ? 0 : undefined}
      onKeyDown={(e) => props.onKeyDown?.(e)}
    >
      <header class="tile-head">
        <h3 id={titleId()} class="tile-title">
          {tileLabel(props.tile)}
        </h3>
        <Show when={stale()}>
          <span class="tile-stale-badge">Stale</span>
        </Show>
      </header>
      <div class="tile-body">
        <Body tile={props.tile} env={props.env} message={message()} />
      </div>
      <p class="tile-age small">
        <Show when={age() !== undefined} fallback="No message yet">
          {stale() ? 'Stale: last value ' : 'Updated '}
          {formatAge(age()!)}
        </Show>
      </p>
      {props.tools}
    </article>
  );
}
