// How tiles word their values: numbers with their decimals and unit, the tone a threshold
// gives, and ages ("12 s ago") that say when a value went stale in words, not colour alone.
import type { Threshold, Tone } from './dashboard-model';

/** The tone of the highest threshold at or below `value`; neutral below all of them. */
export function toneFor(value: number, thresholds: readonly Threshold[]): Tone {
  let tone: Tone = 'neutral';
  let best = -Infinity;
  for (const t of thresholds) {
    if (value >= t.at && t.at >= best) {
      best = t.at;
      tone = t.tone;
    }
  }
  return tone;
}

export function formatNumber(value: number, decimals: number): string {
  return value.toLocaleString(undefined, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** "just now", "12 s ago", "3 min ago", "2 h ago", "4 d ago". */
export function formatAge(ageMs: number): string {
  const s = Math.max(0, Math.floor(ageMs / 1_000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3_600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3_600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** Where `value` lies between `min` and `max`, from 0 to 1. */
export function fraction(value: number, min: number, max: number): number {
  if (!(max > min)) return 0;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
}

/** A slider's payload: `{value}` replaced by the number (the whole payload when absent). */
export function sliderPayload(template: string, value: number): string {
  return template.includes('{value}')
    ? template.replaceAll('{value}', String(value))
    : String(value);
}
