// The figures the bench reports: the keys of its last-line JSON (as the performance issue names
// them), their units, the targets, and how a value is shown in the table.

export const FIGURES = [
  { key: 'ceiling_msgs_per_s', unit: 'msg/s' },
  { key: 'ingest_msgs_per_s', unit: 'msg/s' },
  { key: 'ingest_ratio', unit: '', digits: 2, target: '≥ 0.8' },
  { key: 'lost', unit: 'msgs', target: '0' },
  { key: 'ingest_qos1_msgs_per_s', unit: 'msg/s', target: '≥ 15,000' },
  { key: 'lost_qos1', unit: 'msgs', target: '0' },
  { key: 'ingest_1kb_msgs_per_s', unit: 'msg/s' },
  { key: 'lost_1kb', unit: 'msgs' },
  { key: 'latency_p50_ms', unit: 'ms', digits: 1 },
  { key: 'latency_p99_ms', unit: 'ms', digits: 1, target: '≤ 40' },
  { key: 'latency_5k_p50_ms', unit: 'ms', digits: 1 },
  { key: 'latency_5k_p99_ms', unit: 'ms', digits: 1 },
  { key: 'longest_task_ms', unit: 'ms', target: '≤ 50' },
  { key: 'total_blocking_ms', unit: 'ms' },
  { key: 'input_delay_p99_ms', unit: 'ms', digits: 1, target: '≤ 100' },
  { key: 'heap_ui_mb', unit: 'MB', digits: 1, target: '≤ 60' },
  { key: 'heap_worker_mb', unit: 'MB', digits: 1 },
  { key: 'dom_nodes', unit: '', target: '≤ 2,000' },
  { key: 'history_newest100_ms', unit: 'ms', digits: 1, target: '≤ 50' },
  { key: 'history_filter_ms', unit: 'ms', digits: 1, target: '≤ 200' },
  { key: 'history_text_ms', unit: 'ms', digits: 1, target: '≤ 200' },
  { key: 'bundle_js_gz_kb', unit: 'KB', digits: 1, target: '≤ 60' },
  { key: 'bundle_total_gz_kb', unit: 'KB', digits: 1, target: '≤ 250' },
  { key: 'cold_start_ms', unit: 'ms', target: '≤ 1,000' },
  { key: 'kiosk_heap_growth_pct', unit: '%', digits: 1, target: '< 10' },
  { key: 'kiosk_cpu_pct', unit: '%', digits: 1, target: '< 10' },
  { key: 'kiosk_dom_nodes', unit: '' },
  { key: 'tree_10k_topics_ms', unit: 'ms', digits: 1, target: '≤ 200' },
  { key: 'export_msgs_per_s', unit: 'msg/s', target: '≥ 100,000' },
  { key: 'import_msgs_per_s', unit: 'msg/s', target: '≥ 50,000' },
  { key: 'search_1m_first_ms', unit: 'ms', digits: 1, target: '≤ 200' },
  { key: 'search_1m_all_ms', unit: 'ms', target: '≤ 3,000' },
] as const satisfies readonly { key: string; unit: string; digits?: number; target?: string }[];

export type FigureKey = (typeof FIGURES)[number]['key'];
/** A measured value, or null with a reason in the notes: never a made-up number. */
export type Figures = Record<FigureKey, number | null>;
export type FigureNotes = Partial<Record<FigureKey, string>>;

/** All figures unmeasured, to be filled in as the scenarios run. */
export function emptyFigures(): Figures {
  return Object.fromEntries(FIGURES.map((f) => [f.key, null])) as Figures;
}

export function digitsOf(key: FigureKey): number {
  const figure = FIGURES.find((f) => f.key === key);
  return figure && 'digits' in figure ? figure.digits : 0;
}
