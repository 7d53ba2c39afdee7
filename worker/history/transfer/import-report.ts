// What an import found as it went: ids handed out, totals, bad lines (the first few described
// with their numbers), and whether the file is an MQTT Deck export at all.
import type { CaptureTotals } from '../captures';
import type { ImportedMessage } from './ndjson-decode';
import { NDJSON_VERSION } from './ndjson-format';

/** Bad lines described in the result; the rest are only counted. */
export const MAX_PROBLEMS = 20;
/** A file with no valid message (and no header) in this many lines is not an export. */
export const RECOGNISE_WITHIN_LINES = 1_000;

export const NOT_AN_EXPORT =
  'This file is not an MQTT Deck export: none of its first lines is a message.';

export function importReport() {
  let count = 0;
  let bytes = 0;
  let firstTime = Infinity;
  let lastTime = -Infinity;
  let skipped = 0;
  let version: number | undefined;
  const problems: string[] = [];
  return {
    /** Counts a message; returns its id (1..n in file order). */
    add(message: ImportedMessage): number {
      count += 1;
      bytes += message.size;
      firstTime = Math.min(firstTime, message.time);
      lastTime = Math.max(lastTime, message.time);
      return count;
    },
    header(v: number) {
      version = v;
    },
    bad(line: number, problem: string) {
      skipped += 1;
      if (problems.length < MAX_PROBLEMS) problems.push(`line ${line}: ${problem}`);
    },
    /** Why the import must stop after `line` lines, or undefined to go on. */
    refusal(line: number): string | undefined {
      if (version !== undefined && version > NDJSON_VERSION) {
        return `This file was exported by a newer MQTT Deck (format version ${version}); update the app to import it.`;
      }
      if (count > 0 || version !== undefined) return undefined;
      if (line < RECOGNISE_WITHIN_LINES && line !== Infinity) return undefined;
      const first = problems[0] ? ` (${problems[0]})` : '';
      return skipped === 0 ? 'This file holds no messages: it is empty.' : NOT_AN_EXPORT + first;
    },
    stored: () => count,
    skipped: () => skipped,
    problems: () => [...problems],
    totals(): CaptureTotals {
      const totals: CaptureTotals = { messages: count, bytes };
      if (count > 0) {
        totals.firstTime = firstTime;
        totals.lastTime = lastTime;
      }
      return totals;
    },
  };
}
