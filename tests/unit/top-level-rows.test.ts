// The Storage tab's usage table: biggest first, at most USAGE_MAX_ROWS rows, the rest summed.
import { describe, expect, test } from 'vitest';
import { USAGE_MAX_ROWS, usageRows } from '../../src/history/storage/top-level-rows';

describe('usageRows', () => {
  test('sorts by payload size, then messages, then name', () => {
    const rows = usageRows([
      { level: 'b', messages: 5, bytes: 10 },
      { level: 'a', messages: 9, bytes: 10 },
      { level: 'c', messages: 1, bytes: 99 },
    ]);
    expect(rows.map((r) => r.level)).toEqual(['c', 'a', 'b']);
    expect(rows.every((r) => r.others === undefined)).toBe(true);
  });

  test(`keeps ${USAGE_MAX_ROWS} rows: the biggest, then one summing the rest`, () => {
    const usage = Array.from({ length: 1_000 }, (_, i) => ({
      level: `l${i}`,
      messages: 1,
      bytes: i,
    }));
    const rows = usageRows(usage);
    expect(rows).toHaveLength(USAGE_MAX_ROWS);
    expect(rows[0]).toEqual({ level: 'l999', messages: 1, bytes: 999 });
    const kept = USAGE_MAX_ROWS - 1;
    const others = rows.at(-1);
    const restBytes = Array.from({ length: 1_000 - kept }, (_, i) => i).reduce((a, b) => a + b);
    expect(others).toEqual({ level: '', messages: 1_000 - kept, bytes: restBytes, others: 801 });
  });
});
