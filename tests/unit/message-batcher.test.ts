// The worker's batching: the pure batcher and the history writer (one transaction per batch,
// never before open, retried on failure). The UI event hub has its own file.
import { describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../worker/history/history-store';
import { matchesMessage, prepareQuery } from '../../worker/history/query/history-filter';
import { createHistoryWriter } from '../../worker/history/history-writer';
import { toSummary } from '../../worker/db/message-summary';
import { createBatcher } from '../../worker/events/message-batcher';
import type { HistoryEvent, HistoryPage, HistoryQuery, StoredMessage } from '../../shared/protocol';
import { fakeTimer, flushPromises } from '../fixtures/fakes/fake-timer';

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

/** An in-memory HistoryStore that records its calls, can be held back, and told to fail. */
function fakeStore(initial: StoredMessage[] = []) {
  const records = new Map(initial.map((m) => [m.id, m]));
  const batches: number[] = [];
  const control = {
    failNext: 0,
    failName: 'QuotaExceededError',
    openFails: 0,
    /** While set, appends wait for it. */
    hold: undefined as Promise<void> | undefined,
  };
  const store: HistoryStore = {
    async appendBatch(messages) {
      await control.hold;
      if (control.failNext > 0) {
        control.failNext -= 1;
        throw new DOMException('full', control.failName);
      }
      batches.push(messages.length);
      for (const m of messages) records.set(m.id, m);
      return messages.length;
    },
    async readPage(query): Promise<HistoryPage> {
      const q = prepareQuery(query);
      const ids = [...records.keys()].filter((id) => matchesMessage(q, records.get(id)!));
      ids.sort((a, b) => b - a);
      const page = ids.slice(0, q.limit).map((id) => toSummary(records.get(id)!));
      return ids.length > q.limit ? { messages: page, next: page.at(-1)!.id } : { messages: page };
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
    latest: async () => [],
    totals: async () => ({ messages: records.size, bytes: 0, segments: 0, lastId: 0 }),
    scan: async () => {
      throw new Error('the writer never scans');
    },
    // Explorer reads go past the writer (history-sources.ts): unused here.
    countMatching: async () => ({ count: records.size }),
    topicStats: async () => [],
    topLevelUsage: async () => [],
    connectionLog: async () => [],
  };
  return { store, batches, records, control };
}

describe('history writer', () => {
  it('writes in batches of at most 2,000, or after 250 ms, and counts what is stored', async () => {
    const { timer, advance } = fakeTimer();
    const { store, batches } = fakeStore([message(1), message(2)]);
    const events: HistoryEvent[] = [];
    const writer = createHistoryWriter({ store, timer, onEvent: (e) => void events.push(e) });
    expect(await writer.start()).toEqual({ maxId: 2, count: 2 });
    for (let id = 3; id < 3 + 4_500; id++) writer.append(message(id));
    await flushPromises();
    expect(batches).toEqual([2_000, 2_000]);
    advance(249);
    await flushPromises();
    expect(batches).toEqual([2_000, 2_000]);
    advance(1);
    await writer.idle();
    expect(batches).toEqual([2_000, 2_000, 500]);
    expect(writer.stored()).toBe(4_502);
    expect(events.at(-1)).toEqual({ type: 'history', stored: 4_502 });
  });

  it('writes batches that queued up behind a slow write together, in one call', async () => {
    const { timer } = fakeTimer();
    const { store, batches, control } = fakeStore();
    const writer = createHistoryWriter({ store, timer, onEvent: () => {} });
    await writer.start();
    let release = () => {};
    control.hold = new Promise((resolve) => (release = resolve));
    for (let id = 1; id <= 8_000; id++) writer.append(message(id));
    await flushPromises();
    expect(batches).toEqual([]);
    // Not written yet, still served from memory: by id and in pages.
    expect((await writer.get(7_999))?.id).toBe(7_999);
    expect(writer.stored()).toBe(0);
    control.hold = undefined;
    release();
    await writer.idle();
    expect(batches).toEqual([2_000, 6_000]);
    expect(writer.stored()).toBe(8_000);
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
    advance(250);
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
    advance(250);
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

  it('applies text and time conditions to unwritten messages too', async () => {
    const { timer } = fakeTimer();
    const { store } = fakeStore([message(1), message(2)]);
    const writer = createHistoryWriter({ store, timer, onEvent: () => {} });
    await writer.start();
    const text = (id: number, payload: string) => ({
      ...message(id),
      payload: new TextEncoder().encode(payload),
      size: new TextEncoder().encode(payload).byteLength,
    });
    writer.append(text(3, '{"alarm":"höt"}'));
    writer.append(text(4, 'calm'));
    writer.append(text(5, 'alarm again'));
    const ids = async (query: HistoryQuery) =>
      (await writer.readPage(query)).messages.map((m) => m.id);
    expect(await ids({ limit: 10, text: 'alarm' })).toEqual([5, 3]);
    expect(await ids({ limit: 10, text: 'höt' })).toEqual([3]);
    expect(await ids({ limit: 10, text: 'Alarm' })).toEqual([]);
    expect(await ids({ limit: 10, from: 2, to: 4 })).toEqual([4, 3, 2]);
    expect(await ids({ limit: 1, text: 'alarm' })).toEqual([5]);
  });
});
