// The chart's data as CSV: one row per bucket that holds a value, the bucket's start time in ISO
// 8601, then mean, min and max per series. Topics and paths are untrusted text: quoted, and kept
// from being read as spreadsheet formulas.
import type { SeriesData } from '../../../shared/protocol';

/** A header cell: quoted (RFC 4180), with a leading ' where a spreadsheet would see a formula. */
function textCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

const numberCell = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '' : String(n));

export const seriesLabel = (spec: SeriesData['spec']) =>
  spec.path === '' ? spec.topic : `${spec.topic} ${spec.path}`;

export function chartCsv(times: Float64Array, series: readonly SeriesData[]): string {
  const header = ['time'];
  for (const s of series) {
    const label = seriesLabel(s.spec);
    header.push(`${label} mean`, `${label} min`, `${label} max`);
  }
  const lines = [header.map(textCell).join(',')];
  for (let i = 0; i < times.length; i++) {
    if (series.every((s) => Number.isNaN(s.mean[i]))) continue;
    const row = [new Date(times[i]!).toISOString()];
    for (const s of series)
      row.push(numberCell(s.mean[i]), numberCell(s.min[i]), numberCell(s.max[i]));
    lines.push(row.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
