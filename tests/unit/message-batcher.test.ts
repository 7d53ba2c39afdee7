// The worker's batching: the pure batcher, the UI event hub (one post per frame, messages merged)
// and the history writer (one transaction per batch, never before open, retried on failure).
import { describe, expect, it } from 'vitest';
import { createEventHub, mergeMessageEvents } from '../../worker/event-hub';
import type { HistoryStore } from '../../worker/history-store';
import { createHistoryWriter } from '../../worker/history-writer';
import { toSummary } from '../../worker/incoming-message';
import { createBatcher, type BatchTimer } from '../../worker/message-batcher';
import type {
  DeckEvent,
  HistoryEvent,
  HistoryPage,
  MessageSummary,
  StoredMessage,
} from '../../worker/protocol';

/** A timer driven by hand: advance(ms) runs whatever falls due, in order. */
function fakeTimer() {
  let now = 0;
  let seq = 0;
  const tasks = new Map<number, { at: number; run: () => void }>();
  const timer: BatchTimer = {
    set(run, delayMs) {
      seq += 1;
      tasks.set(seq, { at: now + delayMs, run });
      return seq;
    },
    clear: (handle) => void tasks.delete(handle as number),
  };
  function advance(ms: number) {
    const until = now + ms;
    for (;;) {
      const due = [...tasks.entries()]
        .filter(([, task]) => task.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      tasks.delete(due[0]);
      now = due[1].at;
      due[1].run();
    }
    now = until;
  }
  return { timer, advance, pending: () => tasks.size };
}

const flushPromises = () => new Promise((resolve) => setImmediate(resolve));

function message(id: number, topic = 'deck/t', size = 3): StoredMessage {
  return {
    id,
    connectionId: 'c',
    topic,
    qos: 0,
    retain: false,
    time: id,
    size,
    payload: new Uint8Array(size).fill(id % 256),
  };
}

describe('createBatcher', () => {
  it('flushes once the delay since the first item has passed', () => {
    const { timer, advance } = fakeTimer();
    const flushed: number[][] = [];
    const batcher = createBatcher<number>({
      maxItems: 100,
      maxDelayMs: 16,
      timer,
      onFlush: (items) => flushed.push(items),
    });
    batcher.push(1);
    advance(10);
    batcher.push(2);
    advance(5);
    expect(flushed).toEqual([]);
    advance(1);
    expect(flushed).toEqual([[1, 2]]);
    batcher.push(3);
    advance(15);
    expect(flushed).toEqual([[1, 2]]);
    advance(1);
    expect(flushed).toEqual([[1, 2], [3]]);
  });

  it('flushes at once when full, and the next batch starts its own delay', () => {
    const { timer, advance, pending } = fakeTimer();
    const flushed: number[][] = [];
    const batcher = createBatcher<number>({
      maxItems: 3,
      maxDelayMs: 100,
      timer,
      onFlush: (items) => flushed.push(items),
    });
    for (let i = 1; i <= 7; i++) batcher.push(i);
    expect(flushed).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(batcher.pending()).toEqual([7]);
    expect(pending()).toBe(1);
    advance(100);
    expect(flushed.at(-1)).toEqual([7]);
    expect(pending()).toBe(0);
  });

  it('flushes nothing when empty, and forgets items on dispose', () => {
    const { timer, advance } = fakeTimer();
    const flushed: number[][] = [];
    const batcher = createBatcher<number>({
      maxItems: 3,
      maxDelayMs: 10,
      timer,
      onFlush: (items) => flushed.push(items),
    });
    batcher.flush();
    batcher.push(1);
    batcher.dispose();
    advance(50);
    expect(flushed).toEqual([]);
  });
});

describe('event hub', () => {
  const summary = (id: number): MessageSummary => toSummary(message(id));

  it('posts at most once per interval, however many messages arrive', () => {
    const { timer, advance } = fakeTimer();
    const hub = createEventHub({ intervalMs: 16, timer });
    const posts: DeckEvent[][] = [];
    hub.addListener((events) => void posts.push(events));
    for (let id = 1; id <= 1_000; id++) hub.message(summary(id));
    expect(posts).toEqual([]);
    advance(16);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toHaveLength(1);
    const [batch] = posts[0]!;
    expect(batch?.type === 'messages' && batch.messages.map((m) => m.id)).toEqual(
      Array.from({ length: 1_000 }, (_, i) => i + 1),
    );
  });

  it('keeps other events in order between message runs', () => {
    const status: DeckEvent = { type: 'status', state: 'connected', at: 1 };
    const merged = mergeMessageEvents([
      { type: 'messages', messages: [summary(1)] },
      { type: 'messages', messages: [summary(2)] },
      status,
      { type: 'messages', messages: [summary(3)] },
    ]);
    expect(
      merged.map((e) => (e.type === 'messages' ? e.messages.map((m) => m.id) : e.type)),
    ).toEqual([[1, 2], 'status', [3]]);
  });

  it('stops calling a listener once removed, or once its page is gone', async () => {
    const { timer, advance } = fakeTimer();
    const hub = createEventHub({ timer });
    let kept = 0;
    let gone = 0;
    const remove = hub.addListener(() => void (kept += 1));
    hub.addListener(() => {
      gone += 1;
      return Promise.reject(new Error('port closed')) as unknown as void;
    });
    hub.emit({ type: 'history', stored: 1 });
    advance(16);
    await flushPromises();
    hub.emit({ type: 'history', stored: 2 });
    advance(16);
    remove();
    hub.emit({ type: 'history', stored: 3 });
    advance(16);
    expect([kept, gone]).toEqual([2, 1]);
  });
});

/** An in-memory HistoryStore that records its calls and can be told to fail. */
function fakeStore(initial: StoredMessage[] = []) {
  const records = new Map(initial.map((m) => [m.id, m]));
  const batches: number[] = [];
  const control = { failNext: 0, failName: 'QuotaExceededError', openFails: 0 };
  const store: HistoryStore = {
    async appendBatch(messages) {
      if (control.failNext > 0) {
        control.failNext -= 1;
        throw new DOMException('full', control.failName);
      }
      batches.push(messages.length);
      for (const m of messages) records.set(m.id, m);
    },
    async readPage({ before, limit }): Promise<HistoryPage> {
      const ids = [...records.keys()].filter((id) => before === undefined || id < before);
      ids.sort((a, b) => b - a);
      const page = ids.slice(0, limit).map((id) => toSummary(records.get(id)!));
      return ids.length > limit ? { messages: page, next: page.at(-1)!.id } : { messages: page };
    },
    get: async (id) => records.get(id),
    count: async () => {
      if (control.openFails > 0) {
        control.openFails -= 1;
        throw new DOMException('cannot open', 'InvalidStateError');
      }
      return records.size;
    },
    maxId: async () => Math.max(0, ...records.keys()),
  };
  return { store, batches, records, control };
}

describe('history writer', () => {
  it('writes in batches of at most 500, or after 100 ms, and counts what is stored', async () => {
    const { timer, advance } = fakeTimer();
    const { store, batches } = fakeStore([message(1), message(2)]);
    const events: HistoryEvent[] = [];
    const writer = createHistoryWriter({ store, timer, onEvent: (e) => void events.push(e) });
    expect(await writer.start()).toEqual({ maxId: 2, count: 2 });
    for (let id = 3; id < 3 + 1_200; id++) writer.append(message(id));
    await flushPromises();
    expect(batches).toEqual([500, 500]);
    advance(100);
    await writer.idle();
    expect(batches).toEqual([500, 500, 200]);
    expect(writer.stored()).toBe(1_202);
    expect(events.at(-1)).toEqual({ type: 'history', stored: 1_202 });
  });

  it('never writes before storage opened, and retries opening', async () => {
    const { timer, advance } = fakeTimer();
    const { store, batches, control } = fakeStore();
    control.openFails = 2;
    const events: HistoryEvent[] = [];
    const writer = createHistoryWriter({ store, timer, onEvent: (e) => void events.push(e) });
    await expect(writer.start()).rejects.toThrow('cannot open');
    expect(events.at(-1)?.error?.code).toBe('storage');
    writer.append(message(1));
    advance(100);
    await flushPromises();
    expect(batches).toEqual([]);
    expect(writer.stored()).toBe(0);
    advance(60_000);
    await writer.idle();
    expect(batches).toEqual([1]);
    expect(events.at(-1)).toEqual({ type: 'history', stored: 1 });
  });

  it('keeps a failed batch in memory, reports a full disk, and retries it', async () => {
    const { timer, advance } = fakeTimer();
    const { store, batches, control } = fakeStore();
    const events: HistoryEvent[] = [];
    const writer = createHistoryWriter({ store, timer, onEvent: (e) => void events.push(e) });
    await writer.start();
    control.failNext = 2;
    writer.append(message(7, 'deck/a'));
    writer.append(message(8, 'deck/b'));
    advance(100);
    await flushPromises();
    expect(events.at(-1)?.error).toMatchObject({ code: 'storage', message: /Storage is full/ });
    expect(writer.error()?.code).toBe('storage');
    // Still readable while waiting: by id and in history pages.
    expect((await writer.get(8))?.topic).toBe('deck/b');
    const page = await writer.readPage({ limit: 10, topicFilter: 'deck/+' });
    expect(page.messages.map((m) => m.id)).toEqual([8, 7]);
    expect((await writer.readPage({ limit: 10, topicFilter: 'deck/a' })).messages).toHaveLength(1);

    for (let i = 0; i < 5; i++) {
      advance(60_000);
      await flushPromises();
    }
    await writer.idle();
    expect(batches).toEqual([2]);
    expect(writer.error()).toBeUndefined();
    expect(events.at(-1)).toEqual({ type: 'history', stored: 2 });
  });

  it('merges unwritten messages into history pages, newest first, with a next position', async () => {
    const { timer } = fakeTimer();
    const { store } = fakeStore([message(1), message(2), message(3)]);
    const writer = createHistoryWriter({ store, timer, onEvent: () => {} });
    await writer.start();
    writer.append(message(4));
    writer.append(message(5));
    const first = await writer.readPage({ limit: 3 });
    expect(first.messages.map((m) => m.id)).toEqual([5, 4, 3]);
    expect(first.next).toBe(3);
    const second = await writer.readPage({ limit: 3, before: first.next });
    expect(second.messages.map((m) => m.id)).toEqual([2, 1]);
    expect(second.next).toBeUndefined();
  });
});
