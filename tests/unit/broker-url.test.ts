// Broker URL checks on the connection form: only WebSocket URLs ever reach the worker.
import { describe, expect, it } from 'vitest';
import { connectionId, randomClientId, validateBrokerUrl } from '../../src/lib/broker-url';

describe('validateBrokerUrl', () => {
  it.each(['ws://127.0.0.1:9001/mqtt', 'wss://broker.example.com:8884/mqtt', ' wss://h/ '])(
    'accepts %s',
    (url) => expect(validateBrokerUrl(url)).toBeNull(),
  );

  it.each([
    ['mqtt://host', /ws:\/\/ or wss:\/\//],
    ['http://host', /not http:\/\//],
    ['foo', /not a URL/],
    ['', /Enter the broker URL/],
    ['wss://', /not a URL|no host/],
  ])('refuses %j with a reason', (url, reason) => {
    expect(validateBrokerUrl(url)).toMatch(reason);
  });
});

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
