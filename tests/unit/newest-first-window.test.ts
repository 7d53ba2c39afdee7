// The UI's bounded newest-first ring: batches on top, pages below, nothing past the limit kept.
import { describe, expect, it } from 'vitest';
import { createNewestFirstWindow } from '../../src/messages/newest-first-window';

const item = (id: number) => ({ id });
/** Ids from `high` down to `low`, as newest-first items. */
const down = (high: number, low: number) =>
  Array.from({ length: high - low + 1 }, (_, i) => item(high - i));
const idsOf = (items: readonly { id: number }[]) => items.map((i) => i.id);

describe('newest-first window', () => {
  it('puts each batch on top and keeps the newest `limit`', () => {
    const rows = createNewestFirstWindow<{ id: number }>(10);
    rows.prepend(down(3, 1), 5);
    rows.prepend(down(6, 4), 5);
    expect(idsOf(rows.slice(0, 10))).toEqual([6, 5, 4, 3, 2]);
    expect(rows.length()).toBe(5);
    rows.prepend(down(20, 7), 5);
    expect(idsOf(rows.slice(0, 10))).toEqual([20, 19, 18, 17, 16]);
  });

  it('wraps around the ring over many batches without losing order', () => {
    const rows = createNewestFirstWindow<{ id: number }>(7);
    for (let batch = 0; batch < 50; batch++) {
      rows.prepend(down(batch * 3 + 3, batch * 3 + 1), 7);
    }
    expect(idsOf(rows.slice(0, 7))).toEqual(idsOf(down(150, 144)));
    expect(rows.at(0)?.id).toBe(150);
    expect(rows.at(7)).toBeUndefined();
  });

  it('finds an id by binary search, and -1 for one it does not hold', () => {
    const rows = createNewestFirstWindow<{ id: number }>(100);
    rows.prepend(
      [50, 40, 33, 20, 7].map((id) => item(id)),
      100,
    );
    expect([50, 40, 33, 20, 7].map((id) => rows.indexOfId(id))).toEqual([0, 1, 2, 3, 4]);
    expect(rows.indexOfId(34)).toBe(-1);
    expect(rows.indexOfId(99)).toBe(-1);
  });

  it('appends older pages below while under the limit', () => {
    const rows = createNewestFirstWindow<{ id: number }>(10);
    rows.prepend(down(10, 8), 10);
    rows.append(down(7, 1), 8);
    expect(idsOf(rows.slice(0, 10))).toEqual([10, 9, 8, 7, 6, 5, 4, 3]);
  });

  it('replaces its contents with a merged list', () => {
    const rows = createNewestFirstWindow<{ id: number }>(4);
    rows.prepend(down(9, 5), 4);
    rows.replace(down(30, 20));
    expect(idsOf(rows.slice(0, 10))).toEqual([30, 29, 28, 27]);
  });
});
