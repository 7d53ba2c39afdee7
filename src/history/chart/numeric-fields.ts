// The numeric fields of one JSON payload as paths (`temperature`, `link.rssi`, `fans[0]`): what
// the chart suggests for a topic, read from its newest message. Bounded: a payload is untrusted.
import { parsePath } from '../../../shared/json/json-path';
import { seriesNumber } from '../../../shared/json/series-values';

/** Suggestions offered at most, and how deep into nested objects and arrays they are looked for. */
export const FIELDS_MAX = 50;
const DEPTH_MAX = 6;
/** Arrays are sampled, not walked: `values[0..7]` suggests the pattern well enough. */
const ARRAY_ITEMS_MAX = 8;
const SIMPLE_KEY = /^[^.[\]]+$/;

/** The worker's own rule (numbers and decimal text), so every suggestion draws. */
const isNumeric = (value: unknown) => seriesNumber(value) !== undefined;

/** Paths of the numbers in `json` ('' for a payload that is itself a number), in document order. */
export function numericFields(json: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (found.length >= FIELDS_MAX) return;
    if (isNumeric(value)) {
      if (path === '' || parsePath(path).ok) found.push(path);
      return;
    }
    if (depth >= DEPTH_MAX || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      value.slice(0, ARRAY_ITEMS_MAX).forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      // A key holding a dot or a bracket cannot be written as a path (it would name another field).
      if (!SIMPLE_KEY.test(key)) continue;
      walk(item, path === '' ? key : `${path}.${key}`, depth + 1);
    }
  };
  walk(json, '', 0);
  return found;
}
