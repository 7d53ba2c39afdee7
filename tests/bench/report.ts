// The bench's output: a readable table (value, the issue's target, how it was measured or why it
// is null), the other brokers' ingest, the failures, and as the LAST line one JSON object.
import { FIGURES, digitsOf, type FigureKey } from './figures';
import type { Outcome } from './figures-from-runs';
import { round } from './stats';

export interface ReportHeader {
  mode: 'full' | 'smoke';
  runs: number;
  broker: string;
  lines: string[];
}

export type ExtraFigures = Record<string, number | null>;

const format = (key: FigureKey, value: number | null) =>
  value === null
    ? 'null'
    : value.toLocaleString('en', {
        maximumFractionDigits: digitsOf(key),
        minimumFractionDigits: digitsOf(key),
      });

/** How a figure was measured; for a null figure, why it is null ("why: …"). */
function noteFor(outcome: Outcome, key: FigureKey): string {
  const note = outcome.notes[key] ?? '';
  return outcome.figures[key] === null && note !== '' ? `why: ${note}` : note;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function printReport(
  header: ReportHeader,
  outcome: Outcome,
  extra: ExtraFigures,
  sections: string[],
): void {
  const out: string[] = [];
  out.push(
    `MQTT Deck bench — mode ${header.mode}, primary broker ${header.broker} (${header.runs} run(s) of its bursts)`,
  );
  out.push(...header.lines, '');
  const rows = FIGURES.map((f) => [
    f.key,
    `${format(f.key, outcome.figures[f.key])}${outcome.figures[f.key] === null || f.unit === '' ? '' : ` ${f.unit}`}`,
    'target' in f ? f.target : '',
    noteFor(outcome, f.key),
  ]);
  const widths = [24, 15, 10];
  out.push(
    ['figure', 'value', 'target', 'how measured / why null']
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join('  '),
  );
  for (const row of rows) out.push(row.map((c, i) => pad(c, widths[i] ?? 0)).join('  '));
  if (sections.length > 0) out.push('', ...sections);
  console.log(out.join('\n'));

  const json: Record<string, number | string | null> = {};
  for (const f of FIGURES) json[f.key] = round(outcome.figures[f.key], digitsOf(f.key));
  for (const [key, value] of Object.entries(extra)) json[key] = value;
  json.broker = header.broker;
  json.mode = header.mode;
  // The last line, for machines: nothing may be printed after it.
  console.log(JSON.stringify(json));
}
