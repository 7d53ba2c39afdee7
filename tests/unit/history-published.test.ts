// The published flag survives the segment format (bit 3; older segments read as received), the
// latest-value records add up per-topic counts and bytes, and the connection log turns a status
// sequence into the transitions a person reads, not one entry per reconnect attempt.
import { describe, expect, it } from 'vitest';
import { logTransition } from '../../worker/history/connection-log';
import type { LogPhase, LogTransition } from '../../worker/history/connection-log';
import type { StatusEvent, StoredMessage } from '../../shared/protocol';
import { encodeSegment, openSegment } from '../../worker/db/segment/segment-codec';
import { FLAG_PUBLISHED } from '../../worker/db/segment/segment-layout';
import { latestOfBatch, mergeLatest } from '../../worker/db/segment/segment-plan';
import { messageAt, summaryAt } from '../../worker/db/segment/segment-read';

const utf8 = new TextEncoder();
const msg = (id: number, topic: string, text: string, published?: boolean): StoredMessage => {
  const payload = utf8.encode(text);
  const m: StoredMessage = {
    id,
    connectionId: 'profile-1',
    topic,
    qos: 1,
    retain: true,
    time: 1_000 + id,
    size: payload.byteLength,
    payload,
    properties: { userProperties: { who: 'me' } },
  };
  if (published) m.published = true;
  return m;
};

describe('published messages in segments', () => {
  it('round-trips the published flag and keeps received ones without it', () => {
    const messages = [msg(1, 't', 'in'), msg(2, 't', 'out', true)];
    const view = openSegment(encodeSegment(messages, [0, 0]));
    expect(view.flags[1]! & FLAG_PUBLISHED).toBe(FLAG_PUBLISHED);
    expect(view.flags[0]! & FLAG_PUBLISHED).toBe(0);
    expect(messageAt(view, 1, 't')).toEqual(messages[1]);
    expect(messageAt(view, 0, 't')).toEqual(messages[0]);
    expect(messageAt(view, 0, 't')).not.toHaveProperty('published');
    expect(summaryAt(view, 1, 't')).toMatchObject({ published: true, qos: 1, retain: true });
  });
});

describe('latest values with counts', () => {
  it('counts messages and bytes per topic in a batch and adds them to what is stored', () => {
    const batch = [msg(1, 'a', 'xx'), msg(2, 'b', 'yyy'), msg(3, 'a', 'z')];
    const records = latestOfBatch(batch, [0, 1, 0]);
    expect(records.map((r) => [r.topicId, r.id, r.count, r.bytes])).toEqual([
      [0, 3, 2, 3],
      [1, 2, 1, 3],
    ]);
    const first = mergeLatest(0, undefined, records);
    const next = latestOfBatch([msg(4, 'b', 'wwww')], [1]);
    const merged = mergeLatest(0, first, next);
    expect(merged.entries.map((r) => [r.topicId, r.id, r.count, r.bytes])).toEqual([
      [0, 3, 2, 3],
      [1, 4, 2, 7],
    ]);
  });
});

const URL = 'ws://broker.test/mqtt';
const status = (state: StatusEvent['state'], at: number, extra: Partial<StatusEvent> = {}) =>
  ({ type: 'status', state, at, url: URL, ...extra }) as StatusEvent;
const lost = { code: 'unreachable' as const, message: 'The broker closed the connection.' };

function replay(events: StatusEvent[]): LogTransition[] {
  let phase: LogPhase = 'down';
  const entries: LogTransition[] = [];
  for (const event of events) {
    const step = logTransition(phase, event, URL);
    phase = step.phase;
    if (step.entry) entries.push(step.entry);
  }
  return entries;
}

describe('connection log transitions', () => {
  it('records connected, lost with its reason, and connected again, not each attempt', () => {
    const entries = replay([
      status('connecting', 1),
      status('connected', 2),
      status('reconnecting', 3, { attempt: 1, retryInMs: 1_000, error: lost }),
      status('reconnecting', 4, { attempt: 1, retryInMs: 0, error: lost }),
      status('reconnecting', 5, { attempt: 2, retryInMs: 2_000, error: lost }),
      status('reconnecting', 6, { attempt: 2, retryInMs: 0, error: lost }),
      status('connected', 7),
    ]);
    expect(entries).toEqual([
      { time: 2, url: URL, kind: 'connected' },
      { time: 3, url: URL, kind: 'disconnected', reason: lost.message },
      { time: 7, url: URL, kind: 'connected' },
    ]);
  });

  it('records a disconnect by the user, a refusal, and a switch to other settings', () => {
    const refusal = { code: 'bad-credentials' as const, message: 'Wrong user name or password.' };
    const entries = replay([
      status('connected', 1),
      status('disconnected', 2),
      status('connecting', 3),
      status('error', 4, { error: refusal }),
      status('connecting', 5),
      status('connected', 6),
      status('connecting', 7),
      status('disconnected', 8, { error: { code: 'taken-over', message: 'Another tab.' } }),
    ] as StatusEvent[]);
    expect(entries.map((e) => [e.time, e.kind, e.reason])).toEqual([
      [1, 'connected', undefined],
      [2, 'disconnected', 'Disconnected by the user.'],
      [4, 'refused', refusal.message],
      [6, 'connected', undefined],
      [7, 'disconnected', 'Closed to connect again with new settings.'],
    ]);
  });
});
