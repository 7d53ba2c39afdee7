// The tiles that show a value: value, gauge, status light and last-message text. Payload values
// are rendered as text nodes only; a value that cannot be shown says why.
import { Show, createMemo } from 'solid-js';
import type { MessageSummary } from '../../shared/protocol';
import type { GaugeTile, StatusTile, TextTile, ValueTile } from './dashboard-model';
import { parsePath } from '../../shared/json/json-path';
import { isCut, toNumber, toText, valueAt, type PathValue } from './payload-value';
import { formatNumber, fraction, toneFor } from './tile-format';

const REASONS: Record<Exclude<PathValue, { ok: true }>['reason'], string> = {
  binary: 'Binary payload',
  'not-json': 'Payload is not JSON',
  cut: 'Payload over 1 KB',
  'no-value': 'Nothing at this path',
};

/** The tile's value out of `message`, parsed once per message, picked at the tile's path. */
export function createTileValue(source: {
  message: MessageSummary | undefined;
  tile: { path: string };
}) {
  const steps = createMemo(() => {
    const parsed = parsePath(source.tile.path);
    return parsed.ok ? parsed.steps : [];
  });
  return createMemo((): PathValue | undefined => {
    const m = source.message;
    return m ? valueAt(m, steps()) : undefined;
  });
}

export function Problem(props: { value: PathValue | undefined }) {
  return (
    <p class="tile-missing">
      {props.value && !props.value.ok ? REASONS[props.value.reason] : 'Waiting for a value'}
    </p>
  );
}

export function ValueBody(props: { tile: ValueTile; value: PathValue | undefined }) {
  const shown = () => {
    const v = props.value;
    if (!v?.ok) return undefined;
    const n = toNumber(v.value);
    if (n === undefined) return { text: toText(v.value), tone: 'neutral' as const };
    return { text: formatNumber(n, props.tile.decimals), tone: toneFor(n, props.tile.thresholds) };
  };
  return (
    <Show when={shown()} fallback={<Problem value={props.value} />}>
      {(s) => (
        <p class="tile-value" data-tone={s().tone}>
          <span class="tile-number">{s().text}</span>
          <Show when={props.tile.unit}>
            <span class="tile-unit">{props.tile.unit}</span>
          </Show>
        </p>
      )}
    </Show>
  );
}

// The gauge's arc: 240 degrees, open at the bottom, drawn in a 100 × 80 box.
const R = 40;
const CX = 50;
const CY = 48;
const SWEEP = (240 * Math.PI) / 180;
const START = Math.PI / 2 + (Math.PI * 2 - SWEEP) / 2;

function arc(to: number): string {
  const end = START + SWEEP * to;
  const [x0, y0] = [CX + R * Math.cos(START), CY + R * Math.sin(START)];
  const [x1, y1] = [CX + R * Math.cos(end), CY + R * Math.sin(end)];
  return `M ${x0} ${y0} A ${R} ${R} 0 ${SWEEP * to > Math.PI ? 1 : 0} 1 ${x1} ${y1}`;
}

export function GaugeBody(props: { tile: GaugeTile; value: PathValue | undefined }) {
  const n = () => (props.value?.ok ? toNumber(props.value.value) : undefined);
  return (
    <Show when={n() !== undefined} fallback={<Problem value={props.value} />}>
      <div class="tile-gauge" data-tone={toneFor(n()!, props.tile.thresholds)}>
        <svg viewBox="0 0 100 80" aria-hidden="true">
          <path class="gauge-track" d={arc(1)} />
          <path
            class="gauge-fill"
            d={arc(Math.max(0.001, fraction(n()!, props.tile.min, props.tile.max)))}
          />
        </svg>
        <p class="tile-value gauge-value">
          <span class="tile-number">{formatNumber(n()!, Math.abs(n()!) < 100 ? 1 : 0)}</span>
          <span class="tile-unit">{props.tile.unit}</span>
        </p>
        <p class="gauge-range muted small">
          {props.tile.min} – {props.tile.max}
        </p>
      </div>
    </Show>
  );
}

export function StatusBody(props: { tile: StatusTile; value: PathValue | undefined }) {
  const state = () => {
    const v = props.value;
    if (!v?.ok) return undefined;
    const text = toText(v.value);
    const known = props.tile.states.find((s) => s.value === text);
    return known ?? { value: text, tone: 'neutral' as const, label: `Unknown: ${text}` };
  };
  return (
    <Show when={state()} fallback={<Problem value={props.value} />}>
      {(s) => (
        <p class="tile-status" data-tone={s().tone}>
          <span class="status-light" aria-hidden="true" />
          <span class="tile-number">{s().label}</span>
        </p>
      )}
    </Show>
  );
}

export function TextBody(props: {
  tile: TextTile;
  message: MessageSummary | undefined;
  value: PathValue | undefined;
}) {
  const text = () => (props.value?.ok ? toText(props.value.value) : undefined);
  return (
    <Show when={text() !== undefined} fallback={<Problem value={props.value} />}>
      <pre class="tile-text">
        {text()}
        {props.message && isCut(props.message) && props.tile.path === '' ? ' …' : ''}
      </pre>
    </Show>
  );
}
