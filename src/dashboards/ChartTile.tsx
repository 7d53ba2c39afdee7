// The time-series chart tile: uPlot (loaded only when a chart is first shown), seeded from
// stored history at start, then fed per batch with the newest sample of each series into
// fixed-size rings, redrawn once a second with at most one point per pixel column, so CPU and
// memory stay flat however long it runs.
import { For, createEffect, createSignal, onCleanup, onMount, untrack } from 'solid-js';
import type uPlot from 'uplot';
import type { MessageSummary } from '../../shared/protocol';
import { loadUplot, paletteColour, themedAxes } from '../ui/uplot-kit';
import type { ChartTile } from './dashboard-model';
import { seedFromHistory } from './history-seed';
import { parsePath } from '../../shared/json/json-path';
import { toNumber, valueAt } from './payload-value';
import { createSeriesRing, downsample } from './series-ring';
import type { TileEnv } from './tile-env';
import { formatNumber } from './tile-format';

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
  // For people and tests alike: how many points the last redraw drew, and how many came from
  // history (exposed as data-points and data-seeded on the chart).
  const [drawn, setDrawn] = createSignal(0);
  const [seeded, setSeeded] = createSignal(0);

  /** Adds the message's value of series `i` to its ring; returns the value, if it had one. */
  const sample = (i: number, message: MessageSummary) => {
    const s = series[i]!;
    const value = valueAt(message, s.steps);
    const n = value.ok ? toNumber(value.value) : undefined;
    if (n !== undefined) s.ring.add(message.time, n);
    return n;
  };
  const show = (i: number, n: number) => setLatest((all) => all.map((v, j) => (j === i ? n : v)));
  // The legend's values follow the redraw (once a second), not every sample: a legend rewritten
  // at the message rate was most of a wall kiosk's layout work.
  const newest: (number | undefined)[] = series.map(() => undefined);
  const off = env.live.onSamples((found) => {
    series.forEach((s, i) => {
      const message = found.get(s.topic);
      const n = message && sample(i, message);
      if (n !== undefined) newest[i] = n;
    });
  });
  onCleanup(off);
  let ended = false;
  onCleanup(() => (ended = true));

  /** Fills the window before `startedAt` from history; live samples after it go in as usual. */
  async function seed(startedAt: number) {
    const byTopic = new Map<string, number[]>();
    series.forEach((s, i) => byTopic.set(s.topic, [...(byTopic.get(s.topic) ?? []), i]));
    for (const [topic, indexes] of byTopic) {
      const newest = new Map<number, number>();
      const count = await seedFromHistory(
        (query) => env.readHistory(query),
        { topic, fromMs: startedAt - windowMs, toMs: startedAt },
        (message) => {
          for (const i of indexes) {
            const n = sample(i, message);
            // Pages come newest first: the first value of a series is its newest.
            if (n !== undefined && !newest.has(i)) newest.set(i, n);
          }
        },
        () => ended,
      ).catch(() => 0); // no history (or no worker): the chart fills from live samples
      if (ended) return;
      for (const [i, n] of newest) if (latest()[i] === undefined) show(i, n);
      setSeeded((total) => total + count);
    }
    draw(Date.now());
  }

  const showNewest = () => {
    const shown = untrack(latest);
    if (newest.every((n, i) => n === undefined || n === shown[i])) return;
    setLatest(shown.map((v, i) => newest[i] ?? v));
  };

  let plot: uPlot | undefined;
  const draw = (now: number) => {
    showNewest();
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
    setDrawn(reduced.ys.reduce((sum, ys) => sum + ys.filter((y) => y !== null).length, 0));
  };

  onMount(() => {
    void seed(Date.now());
    let disposed = false;
    let resize: ResizeObserver | undefined;
    loadUplot().then(
      (UPlot) => {
        if (disposed) return;
        plot = new UPlot(
          {
            width: box.clientWidth,
            height: Math.max(80, box.clientHeight),
            legend: { show: false },
            cursor: { show: false },
            scales: { x: { time: true } },
            axes: themedAxes(box, windowMs),
            series: [
              {},
              ...series.map((s, i) => ({
                label: s.label,
                stroke: paletteColour(i),
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
        data-points={drawn()}
        data-seeded={seeded()}
      />
      <ul class="chart-legend small">
        <For each={series}>
          {(s, i) => (
            <li>
              <span
                class="chart-swatch"
                style={{ background: paletteColour(i()) }}
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
