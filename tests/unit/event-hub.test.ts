// The UI event hub: one post per frame, the newest messages only with every arrival counted,
// other events in order, and no new post while the page has not answered the last one.
import { describe, expect, it } from 'vitest';
import { createEventHub, previewBuffers } from '../../worker/events/event-hub';
import { toSummary } from '../../worker/db/message-summary';
import { PREVIEW_BYTES } from '../../shared/protocol';
import type { DeckEvent, StoredMessage } from '../../shared/protocol';
import { fakeTimer, flushPromises } from '../fixtures/fakes/fake-timer';

function message(id: number, size = 3): StoredMessage {
  return {
    id,
    connectionId: 'c',
    topic: 'deck/t',
    qos: 0,
    retain: false,
    time: id,
    size,
    payload: new Uint8Array(size).fill(id % 256),
  };
}

/** What a post carried: message ids with the run's `received`, other events by type. */
function describePost(events: DeckEvent[]) {
  return events.map((e) =>
    e.type === 'messages' ? { ids: e.messages.map((m) => m.id), received: e.received } : e.type,
  );
}

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('event hub', () => {
  it('posts at most once per interval, however many messages arrive', () => {
    const { timer, advance } = fakeTimer();
    const hub = createEventHub({ intervalMs: 16, maxMessages: 10_000, timer });
    const posts: DeckEvent[][] = [];
    hub.addListener((events) => void posts.push(events));
    for (let id = 1; id <= 1_000; id++) hub.message(message(id));
    advance(15);
    expect(posts).toEqual([]);
    advance(1);
    expect(posts.map(describePost)).toEqual([[{ ids: ids(1, 1_000), received: 1_000 }]]);
  });

  it('posts only the newest messages of a burst, and counts them all', () => {
    const { timer, advance } = fakeTimer();
    const hub = createEventHub({ maxMessages: 500, timer });
    const posts: DeckEvent[][] = [];
    hub.addListener((events) => void posts.push(events));
    for (let id = 1; id <= 2_345; id++) hub.message(message(id));
    advance(16);
    expect(posts.map(describePost)).toEqual([[{ ids: ids(1_846, 2_345), received: 2_345 }]]);
  });

  it('posts summaries whose previews share one buffer of their own, to transfer', () => {
    const { timer, advance } = fakeTimer();
    const hub = createEventHub({ timer });
    const posts: DeckEvent[][] = [];
    hub.addListener((events) => void posts.push(events));
    const sent = [message(1, PREVIEW_BYTES * 3), message(2, 0), message(3, 10)];
    for (const m of sent) hub.message(m);
    advance(16);
    const batch = posts[0] ?? [];
    const [event] = batch;
    if (event?.type !== 'messages') throw new Error('expected a messages event');
    expect(event.messages).toEqual(sent.map(toSummary));
    expect(event.messages[0]?.size).toBe(PREVIEW_BYTES * 3);
    const buffers = previewBuffers(batch);
    expect(buffers).toHaveLength(1);
    expect(event.messages.every((m) => m.preview.buffer === buffers[0])).toBe(true);
    expect(buffers[0]?.byteLength).toBe(PREVIEW_BYTES + 10);
    expect(sent.some((m) => m.payload.buffer === buffers[0])).toBe(false);
  });

  it('keeps other events in order between message runs', () => {
    const { timer, advance } = fakeTimer();
    const hub = createEventHub({ timer });
    const posts: DeckEvent[][] = [];
    hub.addListener((events) => void posts.push(events));
    hub.message(message(1));
    hub.message(message(2));
    hub.emit({ type: 'status', state: 'connected', at: 1 });
    hub.message(message(3));
    advance(16);
    expect(posts.map(describePost)).toEqual([
      [{ ids: [1, 2], received: 2 }, 'status', { ids: [3], received: 1 }],
    ]);
  });

  it('caps the summaries of a whole post, newest first, across runs split by other events', () => {
    const { timer, advance } = fakeTimer();
    const hub = createEventHub({ maxMessages: 10, timer });
    const posts: DeckEvent[][] = [];
    hub.addListener((events) => void posts.push(events));
    for (let id = 1; id <= 30; id++) hub.message(message(id));
    hub.emit({ type: 'history', stored: 30 });
    for (let id = 31; id <= 36; id++) hub.message(message(id));
    advance(16);
    expect(posts.map(describePost)).toEqual([
      [{ ids: ids(27, 30), received: 30 }, 'history', { ids: ids(31, 36), received: 6 }],
    ]);
  });

  it('holds the next post until the page answered the last one, still counting', async () => {
    const { timer, advance } = fakeTimer();
    const hub = createEventHub({ maxMessages: 100, timer });
    const posts: DeckEvent[][] = [];
    let answer = () => {};
    hub.addListener((events) => {
      posts.push(events);
      return new Promise<void>((resolve) => (answer = resolve)) as unknown as void;
    });
    hub.message(message(1));
    advance(16);
    for (let id = 2; id <= 1_000; id++) hub.message(message(id));
    advance(100);
    expect(posts).toHaveLength(1);
    answer();
    await flushPromises();
    expect(posts.map(describePost)).toEqual([
      [{ ids: [1], received: 1 }],
      [{ ids: ids(901, 1_000), received: 999 }],
    ]);
  });

  it('posts again once the page has not answered for the ack timeout', () => {
    const { timer, advance } = fakeTimer();
    const hub = createEventHub({ ackTimeoutMs: 1_000, timer });
    const posts: DeckEvent[][] = [];
    hub.addListener((events) => {
      posts.push(events);
      return new Promise<void>(() => {}) as unknown as void;
    });
    hub.emit({ type: 'history', stored: 1 });
    advance(16);
    hub.emit({ type: 'history', stored: 2 });
    advance(999);
    expect(posts).toHaveLength(1);
    advance(1);
    expect(posts).toHaveLength(2);
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

  it('queues nothing while nobody listens', () => {
    const { timer, advance, pending } = fakeTimer();
    const hub = createEventHub({ timer });
    hub.message(message(1));
    hub.emit({ type: 'history', stored: 1 });
    expect(pending()).toBe(0);
    const posts: DeckEvent[][] = [];
    hub.addListener((events) => void posts.push(events));
    advance(100);
    expect(posts).toEqual([]);
  });
});
