// How the UI names connections in history and makes client IDs.
import { describe, expect, it } from 'vitest';
import { connectionId, randomClientId } from '../../src/connection/connection-id';

describe('connectionId', () => {
  it('names the connection by client ID and URL, without credentials', () => {
    expect(connectionId('wss://u:secret@h:1/mqtt', 'deck-1')).toBe('deck-1@wss://h:1/mqtt');
  });
});

describe('randomClientId', () => {
  it('makes distinct deck- IDs', () => {
    const a = randomClientId();
    expect(a).toMatch(/^deck-[0-9a-f]{8}$/);
    expect(randomClientId()).not.toBe(a);
  });
});
