// The chart's time range: a preset, or "Custom from–to" with two local date-time fields.
import { For, Show } from 'solid-js';
import { RANGE_PRESETS, type RangeId } from './chart-range';

export function RangeFields(props: {
  range: RangeId;
  custom: { from: string; to: string };
  onRange(range: RangeId): void;
  onCustom(edge: 'from' | 'to', value: string): void;
}) {
  return (
    <div class="chart-range">
      <div class="field">
        <label for="chart-range">Time range</label>
        <select
          id="chart-range"
          value={props.range}
          onChange={(e) => props.onRange(e.currentTarget.value as RangeId)}
        >
          <For each={RANGE_PRESETS}>{(p) => <option value={p.id}>{p.label}</option>}</For>
        </select>
      </div>
      <Show when={props.range === 'custom'}>
        <div class="field">
          <label for="chart-from">From</label>
          <input
            id="chart-from"
            type="datetime-local"
            value={props.custom.from}
            onInput={(e) => props.onCustom('from', e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="chart-to">To</label>
          <input
            id="chart-to"
            type="datetime-local"
            value={props.custom.to}
            onInput={(e) => props.onCustom('to', e.currentTarget.value)}
          />
        </div>
      </Show>
    </div>
  );
}
