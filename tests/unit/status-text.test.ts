// Status wording: the words the tests and people look for, with the worker's reason attached.
import { describe, expect, it } from 'vitest';
import type { StatusEvent } from '../../shared/protocol';
import { statusWords } from '../../src/connection/status-text';

const at = 0;
const text = (s: StatusEvent) => {
  const w = statusWords(s);
  return `${w.label} ${w.detail}`.trim();
};

describe('statusWords', () => {
  it('says connected, connecting and disconnected plainly', () => {
    expect(text({ type: 'status', state: 'connected', url: 'ws://h/mqtt', at })).toBe(
      'Connected ws://h/mqtt',
    );
    expect(text({ type: 'status', state: 'connecting', at })).toBe('Connecting');
    expect(text({ type: 'status', state: 'disconnected', at })).toBe('Disconnected');
  });

  it('counts reconnect attempts and gives the reason', () => {
    const s: StatusEvent = {
      type: 'status',
      state: 'reconnecting',
      attempt: 3,
      retryInMs: 4000,
      error: { code: 'unreachable', message: 'The broker cannot be reached.' },
      at,
    };
    expect(text(s)).toBe(
      'Reconnecting · attempt 3 · next try in 4 s The broker cannot be reached.',
    );
  });

  it('puts the reason right after "Error"', () => {
    const s: StatusEvent = {
      type: 'status',
      state: 'error',
      error: { code: 'not-authorized', message: 'The broker says: not authorized.' },
      at,
    };
    expect(statusWords(s).label).toBe('Error: The broker says: not authorized.');
  });
});
