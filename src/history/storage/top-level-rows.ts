// The rows of "Usage by top-level topic": biggest first, at most USAGE_MAX_ROWS, the rest summed
// as one "Others" row (a broker with thousands of first levels stays one short table).
import type { TopLevelUsage } from '../../../shared/protocol';

export const USAGE_MAX_ROWS = 200;

export interface UsageRow extends TopLevelUsage {
  /** How many levels an "Others" row sums; absent for a level of its own. */
  others?: number;
}

export function usageRows(usage: readonly TopLevelUsage[], max = USAGE_MAX_ROWS): UsageRow[] {
  const sorted = [...usage].sort(
    (a, b) => b.bytes - a.bytes || b.messages - a.messages || a.level.localeCompare(b.level),
  );
  if (sorted.length <= max) return sorted;
  const kept: UsageRow[] = sorted.slice(0, max - 1);
  const rest = sorted.slice(max - 1);
  kept.push({
    level: '',
    messages: rest.reduce((sum, r) => sum + r.messages, 0),
    bytes: rest.reduce((sum, r) => sum + r.bytes, 0),
    others: rest.length,
  });
  return kept;
}
