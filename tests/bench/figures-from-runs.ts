// Turns the scenarios' results into the figures: medians over runs, the ratio per run, the worst
// loss, and a note for every figure saying how it was measured or why it is null.
import type { BundleResult } from './bundle-size';
import { emptyFigures, type FigureKey, type FigureNotes, type Figures } from './figures';
import type { IngestResult } from './scenario-ingest';
import { medianOrNull } from './stats';
import type { SuiteResult } from './suite-result';

export interface Outcome {
  figures: Figures;
  notes: FigureNotes;
}

type Setter = (key: FigureKey, value: number | null | undefined, note: string) => void;

/** Why a figure is null: its scenario failed, or its note says, or the app did not open. */
function whyNull(suite: SuiteResult, scenario: string, note: string): string {
  const failed = (prefix: string) => suite.errors.find((e) => e.startsWith(prefix));
  return failed(scenario) ?? (note || failed('open the app')) ?? `${scenario}: not measured`;
}

const runsNote = (values: (number | null)[]) =>
  values.length > 1 ? `; median of ${values.map((v) => v?.toFixed(0) ?? '–').join(', ')}` : '';

function throughput(set: Setter, s: SuiteResult): void {
  const ceilings = s.ceiling.map((c) => c.msgsPerS);
  const ceilingNote =
    s.ceiling.find((c) => c.note)?.note ?? 'bare mqtt.js in a dedicated worker, QoS 0, 100 B';
  const measured = (runs: unknown[], note: string) => (runs.length > 0 ? note : '');
  set(
    'ceiling_msgs_per_s',
    medianOrNull(ceilings),
    measured(ceilings, ceilingNote + runsNote(ceilings)),
  );
  set(
    'ingest_ratio',
    medianOrNull(s.ratios),
    measured(s.ratios, 'ingest ÷ ceiling of the same run'),
  );
  const ingest = (rate: FigureKey, lost: FigureKey, runs: IngestResult[], what: string) => {
    const rates = runs.map((r) => r.msgsPerS);
    const how = `stored ÷ (last stored − first sent), ${what}${runsNote(rates)}`;
    set(rate, medianOrNull(rates), measured(runs, how));
    const worst = runs.length === 0 ? null : Math.max(...runs.map((r) => r.lost));
    set(lost, worst, measured(runs, `sent − stored${runs.length > 1 ? ', worst run' : ''}`));
  };
  ingest('ingest_msgs_per_s', 'lost', s.qos0, 'QoS 0, 100 B');
  ingest('ingest_qos1_msgs_per_s', 'lost_qos1', s.qos1, 'QoS 1, 100 B');
  ingest('ingest_1kb_msgs_per_s', 'lost_1kb', s.kb, 'QoS 0, 1 KB');
}

function latency(set: Setter, s: SuiteResult): void {
  const keys = [
    ['latency_p50_ms', 'latency_p99_ms'],
    ['latency_5k_p50_ms', 'latency_5k_p99_ms'],
  ] as const;
  keys.forEach(([p50, p99], i) => {
    const l = s.latency[i];
    const note = l
      ? `publish → row painted, ${l.painted} rows painted of ${l.sent} sent at ${l.ratePerS} msg/s`
      : '';
    set(p50, l?.p50Ms, note);
    set(p99, l?.p99Ms, note);
  });
}

function responsiveness(set: Setter, s: SuiteResult): void {
  const runs = s.qos0.flatMap((r) => (r.responsiveness ? [r.responsiveness] : []));
  const supported = runs.length > 0 && runs.every((r) => r.longTasksSupported);
  const tasksNote = supported ? 'longtask observer, main thread, QoS 0 burst' : 'no longtask API';
  set(
    'longest_task_ms',
    supported ? medianOrNull(runs.map((r) => r.longestTaskMs)) : null,
    tasksNote,
  );
  set(
    'total_blocking_ms',
    supported ? medianOrNull(runs.map((r) => r.totalBlockingMs)) : null,
    `Σ(task − 50 ms), ${tasksNote}`,
  );
  const clicks = runs.map((r) => r.clicks).join(', ');
  const control = runs[0]?.clicked ?? '';
  set(
    'input_delay_p99_ms',
    medianOrNull(runs.map((r) => r.inputDelayP99Ms)),
    `${clicks} clicks on ${control} (CDP Input), every 100 ms in the burst, to next paint`,
  );
}

function storage(set: Setter, s: SuiteResult): void {
  const heapNote = s.heap ? `after a GC, ${s.heapAtStored ?? '?'} messages stored` : '';
  set('heap_ui_mb', s.heap?.uiMb, heapNote);
  set('heap_worker_mb', s.heap?.workerMb, s.heap?.workerNote ?? heapNote);
  set('dom_nodes', s.heap?.domNodes, heapNote);
  const history = s.history;
  const query = (key: FigureKey, name: 'newest100' | 'filter' | 'text') => {
    const q = history?.queries[name];
    set(key, q?.ms, q ? `${history?.stored} stored; ${q.note}` : '');
  };
  query('history_newest100_ms', 'newest100');
  query('history_filter_ms', 'filter');
  query('history_text_ms', 'text');
  const cold = s.coldStart;
  const coldHow = cold ? 'navigation → first stored row painted, offline' : '';
  set('cold_start_ms', cold?.ms, cold?.note ?? coldHow);
}

function kiosk(set: Setter, s: SuiteResult): void {
  const k = s.kiosk;
  const over = k
    ? `${k.view} view, ${k.measuredS} s at 200 msg/s after ${k.warmUpS} s warm-up`
    : '';
  set(
    'kiosk_heap_growth_pct',
    k?.heapGrowthPct,
    `JS heap after GC, page + worker, end vs warm; ${over}`,
  );
  set(
    'kiosk_cpu_pct',
    k?.cpuPct,
    `renderer process (page + worker) from /proc, % of one core; ${over}`,
  );
  set('kiosk_dom_nodes', k?.end.domNodes, `Performance.getMetrics Nodes at the end; ${over}`);
}

function explorer(set: Setter, s: SuiteResult): void {
  const e = s.explorer;
  const r = e?.report;
  const of = e ? `${e.messages} stored, 100 B JSON on 3,000 topics` : '';
  const mb = r ? (r.export.bytes / 1e6).toFixed(0) : '';
  set(
    'export_msgs_per_s',
    e?.exportMsgsPerS,
    r ? `${of}; NDJSON to a Blob, ${mb} MB in ${r.export.ms.toFixed(0)} ms` : '',
  );
  set(
    'import_msgs_per_s',
    e?.importMsgsPerS,
    r ? `${of}; that NDJSON into a capture in ${r.import.ms.toFixed(0)} ms` : '',
  );
  const s1 = r?.search;
  set(
    'search_1m_first_ms',
    e?.searchFirstMs,
    s1
      ? `${of}; payload text, 1 in 1,000 matches: readHistory until ${s1.firstReturned} rows (${s1.firstCalls} calls)`
      : '',
  );
  set(
    'search_1m_all_ms',
    e?.searchAllMs,
    s1 ? `${of}; countHistory steps to the end: ${s1.found} found in ${s1.allCalls} calls` : '',
  );
}

/** Which scenario each figure comes from, to say why it is null when it is. */
const SOURCE: Partial<Record<FigureKey, string>> = {
  ceiling_msgs_per_s: 'ceiling',
  ingest_ratio: 'ceiling',
  ingest_qos1_msgs_per_s: 'ingest QoS 1',
  lost_qos1: 'ingest QoS 1',
  ingest_1kb_msgs_per_s: 'ingest 1 KB',
  lost_1kb: 'ingest 1 KB',
  heap_ui_mb: 'heap',
  heap_worker_mb: 'heap',
  dom_nodes: 'heap',
  cold_start_ms: 'cold start',
  kiosk_heap_growth_pct: 'kiosk',
  kiosk_cpu_pct: 'kiosk',
  kiosk_dom_nodes: 'kiosk',
  tree_10k_topics_ms: 'topic tree',
  export_msgs_per_s: 'export, import and search',
  import_msgs_per_s: 'export, import and search',
  search_1m_first_ms: 'export, import and search',
  search_1m_all_ms: 'export, import and search',
};
const sourceOf = (key: FigureKey) =>
  SOURCE[key] ??
  (key.startsWith('latency') ? 'latency' : key.startsWith('history') ? 'history' : 'ingest QoS 0');

export function figuresFrom(primary: SuiteResult, bundle: BundleResult | undefined): Outcome {
  const figures = emptyFigures();
  const notes: FigureNotes = {};
  const set: Setter = (key, value, note) => {
    figures[key] = value ?? null;
    // A null figure says why; a measured one says how, when there is something to say.
    const isNull = value === null || value === undefined;
    const reason = isNull ? whyNull(primary, sourceOf(key), note) : note;
    if (reason !== '') notes[key] = reason;
  };
  throughput(set, primary);
  latency(set, primary);
  responsiveness(set, primary);
  storage(set, primary);
  kiosk(set, primary);
  const tree = primary.tree;
  set(
    'tree_10k_topics_ms',
    tree?.ms,
    tree
      ? `Topics tab click → rows painted, ${tree.topics} topics; runs ${tree.runsMs.map((t) => t.toFixed(0)).join(', ')} ms; longest frame scrolling ${tree.scrollRows} rows ${tree.longestScrollFrameMs.toFixed(0)} ms`
      : '',
  );
  explorer(set, primary);
  const files = bundle
    ? `${bundle.firstPaintFiles.length} files: ${bundle.firstPaintFiles.join(', ')}`
    : '';
  set(
    'bundle_js_gz_kb',
    bundle?.firstPaintGzKb,
    bundle ? `gzip -9, before first paint (${files})` : 'bundle: not measured',
  );
  set('bundle_total_gz_kb', bundle?.totalGzKb, bundle?.totalNote ?? 'bundle: not measured');
  return { figures, notes };
}
