// The history chart itself: uPlot (loaded on first use), one line per series for the mean of each
// bucket and a faint band from its min to its max. Reports its width so the caller asks for one
// bucket per CSS pixel, and exposes what it drew (data-points, data-buckets) for tests.
import { createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import type uPlot from 'uplot';
import type { SeriesData } from '../../../shared/protocol';
import { loadUplot, paletteColour, themedAxes } from '../../ui/uplot-kit';

export interface PlotData {
  times: Float64Array;
  series: SeriesData[];
  spanMs: number;
}

/** Plot height in CSS pixels: a phone keeps room for the form above it. */
const PLOT_HEIGHT_PX = 320;
/** Resizes settle before the chart asks for a new bucket count (a drag fires dozens a second). */
const RESIZE_DEBOUNCE_MS = 250;

/** Up to this many values a series also draws each as a dot. */
const SPARSE_POINTS_MAX = 200;

const filled = (values: Float64Array) => values.reduce((n, v) => (Number.isNaN(v) ? n : n + 1), 0);

const gapsAsNull = (values: Float64Array) =>
  Array.from(values, (v) => (Number.isNaN(v) ? null : v));

function toAligned(data: PlotData): uPlot.AlignedData {
  const columns: (number | null)[][] = [];
  for (const s of data.series)
    columns.push(gapsAsNull(s.mean), gapsAsNull(s.min), gapsAsNull(s.max));
  return [Array.from(data.times, (t) => t / 1_000), ...columns] as uPlot.AlignedData;
}

function options(box: HTMLElement, data: PlotData): uPlot.Options {
  const series: uPlot.Series[] = [{}];
  const bands: uPlot.Band[] = [];
  data.series.forEach((s, i) => {
    const colour = paletteColour(i);
    const at = 1 + 3 * i;
    series.push(
      {
        label: `${s.spec.topic} ${s.spec.path}`,
        stroke: colour,
        width: 2,
        spanGaps: true,
        // uPlot hides points by the bucket count, not by how many hold a value: a few readings
        // in a wide range would draw nothing at all.
        points: { show: filled(s.mean) <= SPARSE_POINTS_MAX, size: 6, fill: colour },
      },
      { label: 'min', stroke: 'transparent', width: 0, points: { show: false }, spanGaps: true },
      { label: 'max', stroke: 'transparent', width: 0, points: { show: false }, spanGaps: true },
    );
    bands.push({ series: [at + 2, at + 1], fill: `${colour}33` });
  });
  return {
    width: box.clientWidth,
    height: PLOT_HEIGHT_PX,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: true } },
    axes: themedAxes(box, data.spanMs),
    series,
    bands,
  };
}

export function HistoryPlot(props: {
  data: PlotData | undefined;
  label: string;
  onWidth(width: number): void;
}) {
  let box!: HTMLDivElement;
  const [failed, setFailed] = createSignal<string>();
  const [UPlot, setUPlot] = createSignal<typeof uPlot>();
  let plot: uPlot | undefined;

  onMount(() => {
    props.onWidth(box.clientWidth);
    loadUplot().then(
      (loaded) => setUPlot(() => loaded),
      (error: unknown) => setFailed(`The chart could not load: ${String(error)}`),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const resize = new ResizeObserver(() => {
      plot?.setSize({ width: box.clientWidth, height: PLOT_HEIGHT_PX });
      clearTimeout(timer);
      timer = setTimeout(() => props.onWidth(box.clientWidth), RESIZE_DEBOUNCE_MS);
    });
    resize.observe(box);
    onCleanup(() => {
      clearTimeout(timer);
      resize.disconnect();
      plot?.destroy();
    });
  });

  // A new result rebuilds the plot: the series (and so the bands) may differ from the last one.
  createEffect(() => {
    const Plot = UPlot();
    const data = props.data;
    plot?.destroy();
    plot = undefined;
    if (!Plot || !data) return;
    plot = new Plot(options(box, data), toAligned(data), box);
  });

  const points = () => props.data?.series.reduce((sum, s) => sum + filled(s.mean), 0) ?? 0;

  return (
    <div class="history-plot">
      <div
        class="history-plot-box"
        ref={box}
        role="img"
        aria-label={props.label}
        data-points={points()}
        data-buckets={props.data?.times.length ?? 0}
      />
      <p class="field-error" hidden={!failed()}>
        {failed()}
      </p>
    </div>
  );
}
