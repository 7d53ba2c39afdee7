// The chart's time range: presets counted back from "now" (for a capture, from its newest
// message, so "Last hour" of an old capture is its last hour), all stored, or custom from–to.

export const RANGE_PRESETS = [
  { id: 'hour', label: 'Last hour', ms: 3_600_000 },
  { id: 'day', label: 'Last 24 hours', ms: 86_400_000 },
  { id: 'week', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: 'all', label: 'All stored', ms: undefined },
  { id: 'custom', label: 'Custom from–to', ms: undefined },
] as const;

export type RangeId = (typeof RANGE_PRESETS)[number]['id'];

/** What stored history spans: its oldest message and "now" (the newest, for a capture). */
export interface StoredSpan {
  oldest?: number;
  newest: number;
}

export type ChartRange = { ok: true; from: number; to: number } | { ok: false; error: string };

/** A `datetime-local` value as ms since the epoch (local time), or NaN. */
export const parseLocalTime = (value: string): number =>
  value.trim() === '' ? NaN : new Date(value).getTime();

/** The same instant as a `datetime-local` value, to the minute. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function resolveRange(
  id: RangeId,
  span: StoredSpan,
  custom: { from: string; to: string },
): ChartRange {
  if (id === 'custom') {
    const from = parseLocalTime(custom.from);
    const to = parseLocalTime(custom.to);
    if (Number.isNaN(from)) return { ok: false, error: 'Give the date and time the chart starts.' };
    if (Number.isNaN(to)) return { ok: false, error: 'Give the date and time the chart ends.' };
    if (from >= to) return { ok: false, error: 'The start must come before the end.' };
    return { ok: true, from, to };
  }
  if (id === 'all') {
    if (span.oldest === undefined) return { ok: false, error: 'Nothing is stored yet.' };
    // One second of room, so a history of one message still has a range to draw.
    return { ok: true, from: span.oldest, to: Math.max(span.newest, span.oldest + 1_000) };
  }
  const preset = RANGE_PRESETS.find((p) => p.id === id);
  return { ok: true, from: span.newest - (preset?.ms ?? 3_600_000), to: span.newest };
}
