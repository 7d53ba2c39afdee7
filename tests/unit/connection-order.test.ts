// Which connection gets calls that name none: the one connected last, else the newest still open.
import { describe, expect, it } from 'vitest';
import { createConnectionOrder } from '../../worker/connections/connection-order';

describe('connection order', () => {
  it('has no default before any Connect', () => {
    const order = createConnectionOrder();
    expect(order.defaultId()).toBeUndefined();
    expect(order.listed()).toEqual([]);
  });

  it('makes the one connected last the default, listing them by first Connect', () => {
    const order = createConnectionOrder();
    order.connected('a');
    order.connected('b');
    expect(order.defaultId()).toBe('b');
    order.connected('a'); // connected again (restarted): the default, at its old place
    expect(order.defaultId()).toBe('a');
    expect(order.listed()).toEqual(['a', 'b']);
  });

  it('falls back to the newest Connect still open when the default is disconnected', () => {
    const order = createConnectionOrder();
    for (const id of ['a', 'b', 'c']) order.connected(id);
    order.connected('a');
    order.removed('a');
    expect(order.defaultId()).toBe('c');
    order.removed('c');
    expect(order.defaultId()).toBe('b');
    expect(order.has('a')).toBe(false);
    order.removed('b');
    expect(order.defaultId()).toBeUndefined();
    order.removed('zzz'); // never open: nothing changes
    expect(order.listed()).toEqual([]);
  });
});
