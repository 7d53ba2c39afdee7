// The history writer when the quota is full: it asks for a prune at once, words the error for a
// person, refuses (never sends) the waiting acks, and resumes by itself when space comes back.
import { describe, expect, it } from 'vitest';
import { ACK_FLUSH_DELAY_MS, ACK_MAX_FAILURES } from '../../worker/history/history-acks';
import type { HistoryStore } from '../../worker/history/history-store';
import { createHistoryWriter } from '../../worker/history/history-writer';
import type { HistoryEvent, Qos, StoredMessage } from '../../shared/protocol';
import { storageError } from '../../worker/history/storage-error';
import { fakeTimer, flushPromises } from '../fixtures/fakes/fake-timer';

const RETRY_MS = 60_000;

function setup() {
  const stored: StoredMessage[] = [];
  let full = true;
  let attempts = 0;
  const store = {
    async appendBatch(messages: readonly StoredMessage[]) {
      attempts += 1;
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      stored.push(...messages);
      return messages.length;
    },
    maxId: async () => 0,
    count: async () => 0,
  } as unknown as HistoryStore;
  const events: HistoryEvent[] = [];
  let quotaCalls = 0;
  const { timer, advance } = fakeTimer();
  const retry = { initialDelayMs: RETRY_MS, maxDelayMs: RETRY_MS, multiplier: 1, jitterRatio: 0 };
  const writer = createHistoryWriter({
    store,
    timer,
    retry,
    onEvent: (e) => events.push(e),
    onQuotaExceeded: () => (quotaCalls += 1),
  });
  let id = 0;
  const message = (qos: Qos): StoredMessage => ({
    id: ++id,
    connectionId: 'c',
    topic: 't',
    qos,
    retain: false,
    time: 0,
    size: 1,
    payload: new Uint8Array([id & 0xff]),
  });
  return {
    writer,
    stored,
    events,
    advance,
    message,
    quotaCalls: () => quotaCalls,
    attempts: () => attempts,
    makeRoom: () => (full = false),
  };
}

describe('storage full', () => {
  it('asks for a prune, keeps the ack unsent, and says what happens and what to do', async () => {
    const t = setup();
    await t.writer.start();
    let acked = false;
    let refused = false;
    t.writer.append(t.message(1))?.then(
      () => (acked = true),
      () => (refused = true),
    );
    t.advance(ACK_FLUSH_DELAY_MS);
    await flushPromises();
    expect(t.quotaCalls()).toBe(1);
    expect(acked).toBe(false);
    const error = t.events.at(-1)?.error;
    expect(error?.code).toBe('storage');
    expect(error?.message).toMatch(/Storage is full/);
    expect(error?.message).toMatch(/not acknowledged until saved/);
    expect(error?.message).toMatch(/History → Storage/);
    // Retries keep failing: the ack is refused, so the broker redelivers; never acked.
    for (let i = 1; i < ACK_MAX_FAILURES; i++) {
      t.writer.retryNow();
      await flushPromises();
    }
    expect(refused).toBe(true);
    expect(acked).toBe(false);
    expect(t.stored).toHaveLength(0);
  });

  it('resumes without waiting out the backoff once space is back, and clears the error', async () => {
    const t = setup();
    await t.writer.start();
    t.writer.append(t.message(0));
    t.writer.append(t.message(0));
    t.advance(250);
    await flushPromises();
    expect(t.writer.error()).toBeDefined();
    const before = t.attempts();
    t.makeRoom();
    t.writer.retryNow(); // what retention does after a prune, or when the quota grew
    await flushPromises();
    expect(t.attempts()).toBe(before + 1);
    expect(t.stored.map((m) => m.id)).toEqual([1, 2]);
    expect(t.writer.error()).toBeUndefined();
    expect(t.writer.stored()).toBe(2);
    expect(t.events.at(-1)).toEqual({ type: 'history', stored: 2 });
  });

  it('follows a prune in its stored count', async () => {
    const t = setup();
    t.makeRoom();
    await t.writer.start();
    for (let i = 0; i < 10; i++) t.writer.append(t.message(0));
    await t.writer.idle();
    t.writer.pruned(4);
    expect(t.writer.stored()).toBe(6);
    expect(t.events.at(-1)).toEqual({ type: 'history', stored: 6 });
  });

  it('words other failures apart from a full quota', () => {
    const other = storageError(new DOMException('gone', 'InvalidStateError'), 3);
    expect(other.message).toBe('Could not save history (InvalidStateError: gone); retrying.');
    expect(storageError(new DOMException('q', 'QuotaExceededError'), 3, 2).message).toMatch(
      /3 messages wait in memory.* 2 QoS 0 messages could not be kept\.$/,
    );
  });
});
