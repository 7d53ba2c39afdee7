// Packet ids never collide with a persisted, unacknowledged outgoing packet, before or after
// mqtt.js clears the provider on CONNACK, and wrap around after 65,535.
import { describe, expect, it } from 'vitest';
import { createIdProvider } from '../../worker/qos/qos-id-provider';

describe('packet id provider', () => {
  it('skips every persisted id, also after a CONNACK clear, and lets replay register them', () => {
    const persisted = new Set([1, 2, 4]);
    const ids = createIdProvider((id) => persisted.has(id));
    expect([ids.allocate(), ids.allocate()]).toEqual([3, 5]);
    ids.clear();
    // Replay registers each stored id once; a new publish still avoids them.
    expect([1, 2, 4].map((id) => ids.register(id))).toEqual([true, true, true]);
    expect(ids.register(4)).toBe(false);
    expect(ids.allocate()).toBe(6);
  });

  it('wraps after 65,535 past ids still in flight', () => {
    const ids = createIdProvider((id) => id === 1);
    for (let i = 2; i <= 65_535; i++) expect(ids.allocate()).toBe(i);
    expect(ids.allocate()).toBeNull();
    ids.deallocate(3);
    expect(ids.allocate()).toBe(3);
  });
});
