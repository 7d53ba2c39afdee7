// The time-series chart tile: uPlot (loaded only when a chart is first shown), fed per batch
// with the newest sample of each series into fixed-size rings, redrawn once a second with at
// most one point per pixel column, so CPU and memory stay flat however long it runs.
import { For, createEffect, createSignal, onCleanup, onMount, untrack } from 'solid-js';
import type uPlot from 'uplot';
import type { ChartTile } from './dashboard-model';
import { parsePath } from './json-path';
import { toNumber, valueAt } from './payload-value';
import { createSeriesRing, downsample } from './series-ring';
import type { TileEnv } from './tile-env';
import { formatNumber } from './tile-format';

/** Series colours that read on both themes' surfaces. */
const PALETTE = ['#0ea5e9', '#f59e0b', '#10b981', '#a855f7', '#ef4444', '#64748b'];
const loadUplot = () =>
  Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => m.default);

export function ChartBody(props: { tile: ChartTile; env: TileEnv; label: string }) {
  let box!: HTMLDivElement;
  // The tile is rebuilt when its options change, so these are fixed for its life.
  const { tile, env } = untrack(() => ({ tile: props.tile, env: props.env }));
  const windowMs = tile.windowS * 1_000;
  const series = tile.series.map((s) => {
    const parsed = parsePath(s.path);
    return {
      ...s,
      steps: parsed.ok ? parsed.steps : [],
      ring: createSeriesRing(windowMs),
    };
  });
  const [latest, setLatest] = createSignal<(number | undefined)[]>(series.map(() => undefined));
  const [failed, setFailed] = createSignal<string>();

  const take = (i: number, message: Parameters<typeof valueAt>[0]) => {
    const s = series[i]!;
    const value = valueAt(message, s.steps);
    const n = value.ok ? toNumber(value.value) : undefined;
    if (n === undefined) return;
    s.ring.add(message.time, n);
    setLatest((all) => all.map((v, j) => (j === i ? n : v)));
  };
  series.forEach((s, i) => {
    const seeded = untrack(() => env.live.latest(s.topic));
    if (seeded) take(i, seeded);
  });
  const off = env.live.onSamples((found) => {
    series.forEach((s, i) => {
      const message = found.get(s.topic);
      if (message) take(i, message);
    });
  });
  onCleanup(off);

  let plot: uPlot | undefined;
  const draw = (now: number) => {
    if (!plot || box.clientWidth === 0) return;
    const from = now - windowMs;
    const columns = Math.max(1, Math.round(plot.bbox.width / devicePixelRatio));
    const reduced = downsample(
      series.map((s) => s.ring.read(from, now)),
      from,
      now,
      columns,
    );
    plot.setData([reduced.x, ...reduced.ys] as uPlot.AlignedData);
  };

  onMount(() => {
    let disposed = false;
    let resize: ResizeObserver | undefined;
    loadUplot().then(
      (UPlot) => {
        if (disposed) return;
        const ink = getComputedStyle(box).color;
        const axis = {
          stroke: ink,
          grid: { stroke: 'rgba(128,128,128,0.18)' },
          ticks: { show: false },
        };
        plot = new UPlot(
          {
            width: box.clientWidth,
            height: Math.max(80, box.clientHeight),
            legend: { show: false },
            cursor: { show: false },
            scales: { x: { time: true } },
            axes: [axis, { ...axis, size: 44 }],
            series: [
              {},
              ...series.map((s, i) => ({
                label: s.label,
                stroke: PALETTE[i % PALETTE.length],
                width: 2,
                spanGaps: true,
              })),
            ],
          },
          [[], ...series.map(() => [])],
          box,
        );
        resize = new ResizeObserver(() =>
          plot?.setSize({ width: box.clientWidth, height: Math.max(80, box.clientHeight) }),
        );
        resize.observe(box);
        draw(Date.now());
      },
      (error: unknown) => setFailed(`The chart could not load: ${String(error)}`),
    );
    onCleanup(() => {
      disposed = true;
      resize?.disconnect();
      plot?.destroy();
    });
  });
  // Redrawn on the tiles' one-second clock: time moves even when no sample arrives.
  createEffect(() => draw(props.env.now()));

  return (
    <div class="tile-chart">
      <div
        class="chart-box"
        ref={box}
        role="img"
        aria-label={`Chart of ${props.label} over the last ${props.tile.windowS} s`}
      />
      <ul class="chart-legend small">
        <For each={series}>
          {(s, i) => (
            <li>
              <span
                class="chart-swatch"
                style={{ background: PALETTE[i() % PALETTE.length] }}
                aria-hidden="true"
              />
              {s.label || s.path || s.topic}:{' '}
              {latest()[i()] === undefined ? '–' : formatNumber(latest()[i()]!, 1)}
            </li>
          )}
        </For>
      </ul>
      <p class="tile-missing" hidden={!failed()}>
        {failed()}
      </p>
    </div>
  );
}
