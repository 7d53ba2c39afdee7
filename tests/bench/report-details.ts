// The lines under the table: each run's counts and CPU per process, what the app's status showed
// during bursts, broker log lines that explain a loss, and the other brokers' ingest figures.
import type { ExtraFigures } from './report';
import type { IngestResult } from './scenario-ingest';
import { kioskLine } from './scenario-kiosk';
import { medianOrNull, round } from './stats';
import type { SuiteResult } from './suite-result';

const show = (n: number | null | undefined, digits = 0) => n?.toFixed(digits) ?? 'null';

function ingestLine(name: string, r: IngestResult): string {
  const statuses = r.otherStatuses.length ? `; the app showed: ${r.otherStatuses.join(' / ')}` : '';
  const gaveUp = r.gaveUp ? `; stopped waiting: ${r.gaveUp}` : '';
  return (
    `  ${name}: ${r.stored}/${r.sent} stored, ${show(r.msgsPerS)} msg/s over ` +
    `${r.seconds.toFixed(1)} s; CPU ${r.cpu}${statuses}${gaveUp}`
  );
}

/** Every run of a suite, one line each. */
export function detailLines(suite: SuiteResult): string[] {
  const lines = [`${suite.describe}:`];
  for (const c of suite.ceiling) {
    const note = c.note ? ` (${c.note})` : '';
    lines.push(`  ceiling: ${c.received} received, ${show(c.msgsPerS)} msg/s; CPU ${c.cpu}${note}`);
  }
  const runs = [
    ['ingest QoS 0', suite.qos0],
    ['ingest QoS 1', suite.qos1],
    ['ingest 1 KB', suite.kb],
  ] as const;
  for (const [name, list] of runs) for (const r of list) lines.push(ingestLine(name, r));
  for (const l of suite.latency) {
    lines.push(
      `  latency at ${l.ratePerS} msg/s: p50 ${show(l.p50Ms, 1)} ms, p99 ${show(l.p99Ms, 1)} ms ` +
        `over ${l.painted} painted rows; lost ${l.lost}`,
    );
  }
  if (suite.fill) lines.push(ingestLine(`fill to ${suite.heapAtStored ?? '?'} stored`, suite.fill));
  if (suite.kiosk) lines.push(kioskLine(suite.kiosk));
  if (suite.brokerNotes.length > 0) {
    lines.push('  broker log:', ...suite.brokerNotes.slice(-10).map((l) => `    ${l}`));
  }
  return lines;
}

/** A secondary broker's ceiling and QoS 0 ingest, also added to the JSON as `<broker>_…`. */
export function otherBrokerLines(suite: SuiteResult, extra: ExtraFigures): string[] {
  const ceiling = medianOrNull(suite.ceiling.map((c) => c.msgsPerS));
  const ingest = medianOrNull(suite.qos0.map((r) => r.msgsPerS));
  const lost = suite.qos0.length ? Math.max(...suite.qos0.map((r) => r.lost)) : null;
  const ratio = medianOrNull(suite.ratios);
  extra[`${suite.broker}_ceiling_msgs_per_s`] = round(ceiling);
  extra[`${suite.broker}_ingest_msgs_per_s`] = round(ingest);
  extra[`${suite.broker}_ingest_ratio`] = round(ratio, 2);
  extra[`${suite.broker}_lost`] = lost;
  const summary =
    `  ceiling ${show(ceiling)} msg/s, ingest QoS 0 ${show(ingest)} msg/s, ` +
    `ratio ${show(ratio, 2)}, lost ${show(lost)}`;
  const [title = '', ...runs] = detailLines(suite);
  return [title, summary, ...runs];
}
