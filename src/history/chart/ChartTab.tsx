// The Chart tab: numeric JSON fields of stored messages (live history or a capture) over a time
// range, several series on one chart at one bucket per pixel column, and the data as CSV.
import { For, Show, createEffect, createResource, createSignal, on } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { SeriesResult } from '../../../shared/protocol';
import { downloadText } from '../../ui/download';
import { errorText } from '../../ui/error-text';
import { useExplorer } from '../explorer';
import { chartCsv } from './chart-csv';
import { resolveRange, toLocalInput, type RangeId } from './chart-range';
import { fetchSeries, storedSpan, type ChartRequest } from './chart-request';
import { ChartLegend } from './ChartLegend';
import { HistoryPlot } from './HistoryPlot';
import { RangeFields } from './RangeFields';
import { SeriesRows, rowErrors, type SeriesRow } from './SeriesRows';
import './chart.css';

/** As many series as the worker charts at once. */
const SERIES_MAX = 8;
/** Topics offered as suggestions: a datalist of 10,000 options is slow to open on a phone. */
const TOPIC_SUGGESTIONS_MAX = 1_000;

export function ChartTab() {
  const explorer = useExplorer();
  let nextKey = 2;
  const [rows, setRows] = createStore<SeriesRow[]>([{ key: 1, topic: '', path: '' }]);
  const [rangeId, setRangeId] = createSignal<RangeId>('hour');
  const [custom, setCustom] = createStore({
    from: toLocalInput(Date.now() - 3_600_000),
    to: toLocalInput(Date.now()),
  });
  const [showErrors, setShowErrors] = createSignal(false);
  const [formError, setFormError] = createSignal<string>();
  const [request, setRequest] = createSignal<ChartRequest>();
  const [width, setWidth] = createSignal(0);
  const [result, setResult] = createSignal<SeriesResult>();
  const [busy, setBusy] = createSignal(false);

  const [topics] = createResource(
    // Wrapped: a bare undefined source (live history) would never fetch.
    () => ({ source: explorer.source() }),
    ({ source }): Promise<{ topics: string[]; error?: string }> =>
      explorer
        .topicStats(source)
        .then((stats) => ({ topics: stats.slice(0, TOPIC_SUGGESTIONS_MAX).map((s) => s.topic) }))
        .catch((error: unknown) => ({ topics: [], error: errorText(error) })),
  );

  // Another source shows other history: what was drawn no longer belongs to it.
  createEffect(
    on(explorer.source, () => (setRequest(undefined), setResult(undefined)), { defer: true }),
  );

  let generation = 0;
  createEffect(() => {
    const asked = request();
    const w = width();
    if (!asked || w <= 0) return;
    const mine = ++generation;
    setBusy(true);
    void fetchSeries(explorer, asked, w).then((answer) => {
      if (mine !== generation) return; // a newer Draw or resize won
      setResult(answer);
      setBusy(false);
    });
  });

  async function draw(event: SubmitEvent) {
    event.preventDefault();
    setShowErrors(true);
    setFormError(undefined);
    if (rows.some((row) => rowErrors(row))) return;
    const source = explorer.source();
    const range = resolveRange(rangeId(), await storedSpan(explorer, source), custom);
    if (!range.ok) return setFormError(range.error);
    const series = rows.map((row) => ({ topic: row.topic.trim(), path: row.path.trim() }));
    setRequest({ source, series, from: range.from, to: range.to });
  }

  const drawn = () => {
    const r = result();
    const asked = request();
    return r?.ok && asked
      ? { times: r.times, series: r.series, spanMs: asked.to - asked.from }
      : undefined;
  };
  const found = () => drawn()?.series.some((s) => s.values > 0) ?? false;

  function exportCsv() {
    const data = drawn();
    if (!data) return;
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
    downloadText(`mqtt-deck-chart-${stamp}.csv`, chartCsv(data.times, data.series), 'text/csv');
  }

  return (
    <div class="history-chart">
      <form class="chart-form" onSubmit={(e) => void draw(e)} novalidate>
        <datalist id="chart-topics">
          <For each={topics()?.topics ?? []}>{(topic) => <option value={topic} />}</For>
        </datalist>
        <SeriesRows
          rows={rows}
          showErrors={showErrors()}
          source={explorer.source}
          onChange={(key, patch) => setRows((row) => row.key === key, patch)}
          onRemove={(key) => setRows((all) => all.filter((row) => row.key !== key))}
        />
        <Show when={topics()?.error}>
          <p class="field-hint">Topic suggestions are not available ({topics()?.error}).</p>
        </Show>
        <RangeFields
          range={rangeId()}
          custom={custom}
          onRange={setRangeId}
          onCustom={(edge, value) => setCustom(edge, value)}
        />
        <div class="actions">
          <button
            type="button"
            class="btn"
            disabled={rows.length >= SERIES_MAX}
            onClick={() => setRows(rows.length, { key: nextKey++, topic: '', path: '' })}
          >
            Add series
          </button>
          <button type="submit" class="btn primary">
            Draw
          </button>
          <button type="button" class="btn push-right" disabled={!found()} onClick={exportCsv}>
            Export chart data as CSV
          </button>
        </div>
        <Show when={formError()}>
          <p class="form-error" role="alert">
            {formError()}
          </p>
        </Show>
      </form>
      <p class="chart-status" role="status">
        <Show
          when={busy()}
          fallback={<ChartStatus result={result()} asked={!!request()} found={found()} />}
        >
          Reading history…
        </Show>
      </p>
      <HistoryPlot data={drawn()} label="Chart of the series from history" onWidth={setWidth} />
      <Show when={drawn()}>{(data) => <ChartLegend series={data().series} />}</Show>
    </div>
  );
}

function ChartStatus(props: { result: SeriesResult | undefined; asked: boolean; found: boolean }) {
  return (
    <Show when={props.asked} fallback="Pick a topic and a JSON field, then Draw.">
      <Show
        when={props.result?.ok !== false}
        fallback={props.result?.ok === false && props.result.message}
      >
        <Show when={!props.found}>
          No numbers found: no message in this range had a number at these fields.
        </Show>
      </Show>
    </Show>
  );
}
