// The history writer's durable acknowledgements, against a fake store: a QoS 1/2 message's
// promise settles only with its segment's commit, QoS 0 gets none, a waiting ack flushes fast.
import { describe, expect, it } from 'vitest';
import { ACK_FLUSH_DELAY_MS, ACK_MAX_FAILURES } from '../../worker/history/history-acks';
import type { QosRecordKey } from '../../worker/db/schema';
import type { AppendOptions, HistoryStore } from '../../worker/history/history-store';
import { createHistoryWriter } from '../../worker/history/history-writer';
import type { Qos, StoredMessage } from '../../shared/protocol';
import { fakeTimer, flushPromises } from '../fixtures/fakes/fake-timer';

interface Call {
  messages: readonly StoredMessage[];
  options: AppendOptions | undefined;
  commit(): void;
  fail(error: unknown): void;
}

function fakeStore() {
  const calls: Call[] = [];
  const store = {
    appendBatch: (messages: readonly StoredMessage[], options?: AppendOptions) =>
      new Promise<number>((resolve, fail) =>
        calls.push({ messages, options, commit: () => resolve(messages.length), fail }),
      ),
    maxId: async () => 0,
    count: async () => 0,
  } as unknown as HistoryStore;
  return { store, calls };
}

let nextId = 1;
const message = (qos: Qos): StoredMessage => ({
  id: nextId++,
  connectionId: 'c',
  topic: 't',
  qos,
  retain: false,
  time: 0,
  size: 1,
  payload: new Uint8Array([1]),
});

function setup() {
  const { store, calls } = fakeStore();
  const { timer, advance } = fakeTimer();
  const retry = { initialDelayMs: 10, maxDelayMs: 10, multiplier: 1, jitterRatio: 0 };
  const writer = createHistoryWriter({ store, onEvent: () => {}, timer, retry });
  return { writer, calls, advance };
}

describe('durable acknowledgement', () => {
  it('gives QoS 0 no promise and QoS 1/2 one that waits for the commit', async () => {
    const { writer, calls, advance } = setup();
    await writer.start();
    expect(writer.append(message(0))).toBeUndefined();
    let acked = false;
    void writer.append(message(1))?.then(() => (acked = true));
    advance(ACK_FLUSH_DELAY_MS);
    await flushPromises();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.messages.map((m) => m.qos)).toEqual([0, 1]);
    expect(calls[0]!.options?.durability).toBe('strict');
    expect(acked).toBe(false);
    calls[0]!.commit();
    await flushPromises();
    expect(acked).toBe(true);
  });

  it('writes batches without waiting acks relaxed, at the 250 ms cadence', async () => {
    const { writer, calls, advance } = setup();
    await writer.start();
    writer.append(message(0));
    advance(ACK_FLUSH_DELAY_MS * 10);
    await flushPromises();
    expect(calls).toHaveLength(0);
    advance(250);
    await flushPromises();
    expect(calls[0]!.options?.durability).toBeUndefined();
  });

  it('passes the QoS 2 release to the transaction that stores the message', async () => {
    const { writer, calls, advance } = setup();
    await writer.start();
    const key: QosRecordKey = ['in', 7];
    void writer.append(message(2), key);
    advance(ACK_FLUSH_DELAY_MS);
    await flushPromises();
    expect(calls[0]!.options?.releases).toEqual([{ key, id: calls[0]!.messages[0]!.id }]);
  });

  it('refuses the ack after repeated failures and never stores that message later', async () => {
    const { writer, calls, advance } = setup();
    await writer.start();
    let refused: unknown;
    writer.append(message(0));
    writer.append(message(1))?.catch((error: unknown) => (refused = error));
    advance(ACK_FLUSH_DELAY_MS);
    for (let i = 0; i < ACK_MAX_FAILURES; i++) {
      await flushPromises();
      calls.at(-1)!.fail(new DOMException('full', 'QuotaExceededError'));
      await flushPromises();
      advance(10);
    }
    await flushPromises();
    expect(refused).toBeInstanceOf(DOMException);
    // The retry that follows carries only the QoS 0 message, without an ack to wait for.
    const retry = calls.at(-1)!;
    expect(retry.messages.map((m) => m.qos)).toEqual([0]);
    expect(retry.options?.durability).toBeUndefined();
  });
});
