// Under the chart, one line per series: its colour, topic and field, the range's min and max and
// how many values it drew or skipped. Carries those figures as data attributes for tests.
import { For } from 'solid-js';
import type { SeriesData } from '../../../shared/protocol';
import { paletteColour } from '../../ui/uplot-kit';
import { seriesLabel } from './chart-csv';

const count = new Intl.NumberFormat();
const value = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

function extremes(s: SeriesData): { min?: number; max?: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < s.mean.length; i++) {
    if (s.min[i]! < min) min = s.min[i]!;
    if (s.max[i]! > max) max = s.max[i]!;
  }
  return s.values > 0 ? { min, max } : {};
}

export function ChartLegend(props: { series: SeriesData[] }) {
  return (
    <ul class="chart-legend" aria-label="Series drawn">
      <For each={props.series}>
        {(s, i) => {
          const { min, max } = extremes(s);
          const skipped = s.skipped > 0 ? `, ${count.format(s.skipped)} skipped` : '';
          return (
            <li data-values={s.values} data-skipped={s.skipped} data-min={min} data-max={max}>
              <span
                class="chart-swatch"
                style={{ background: paletteColour(i()) }}
                aria-hidden="true"
              />
              <span class="mono chart-legend-name">{seriesLabel(s.spec)}</span>
              <span class="muted">
                {s.values > 0
                  ? `min ${value.format(min!)}, max ${value.format(max!)} · ${count.format(s.values)} values${skipped}`
                  : `no numbers found${skipped}`}
              </span>
            </li>
          );
        }}
      </For>
    </ul>
  );
}
