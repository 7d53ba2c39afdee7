// How batches become segment records and latest values, and how version-1 records are read for
// the migration: pure steps of the history store, checked without a browser.
import { describe, expect, it } from 'vitest';
import { legacyMessage } from '../../worker/db/migration-v4';
import type { StoredMessage } from '../../shared/protocol';
import { openSegment } from '../../worker/db/segment/segment-codec';
import {
  buildSegment,
  latestByBucket,
  latestOfBatch,
  mergeLatest,
  SEGMENT_MAX_MESSAGES,
  SEGMENT_MAX_PAYLOAD_BYTES,
  segmentEnds,
} from '../../worker/db/segment/segment-plan';
import { createTopicDictionary } from '../../worker/history/topic-dictionary';

function message(id: number, size = 10, over: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id,
    connectionId: 'c',
    topic: `deck/${id % 2}`,
    qos: 0,
    retain: false,
    time: 1_000 + id,
    size,
    payload: new Uint8Array(size),
    ...over,
  };
}

describe('segment plan', () => {
  it('cuts a batch where payloads would pass the cap, a big message on its own', () => {
    const half = SEGMENT_MAX_PAYLOAD_BYTES / 2;
    const sizes = [half, half, 1, SEGMENT_MAX_PAYLOAD_BYTES * 3, 5, 5];
    const batch = sizes.map((size, i) => message(i + 1, size));
    expect(segmentEnds(batch)).toEqual([2, 3, 4, 6]);
    expect(segmentEnds([])).toEqual([]);
    const many = Array.from({ length: SEGMENT_MAX_MESSAGES + 1 }, (_, i) => message(i + 1, 0));
    expect(segmentEnds(many)).toEqual([SEGMENT_MAX_MESSAGES, SEGMENT_MAX_MESSAGES + 1]);
  });

  it('describes a segment for the indexes, even when the clock stepped back', () => {
    const batch = [message(7), message(8, 10, { time: 500 }), message(9, 3)];
    const record = buildSegment(batch, [4, 2, 4], 0, 3);
    expect({ ...record, data: undefined }).toEqual({
      firstId: 7,
      lastId: 9,
      count: 3,
      minTime: 500,
      maxTime: 1_009,
      bytes: 23,
      topics: [4, 2],
      data: undefined,
    });
    expect([...openSegment(record.data).ids]).toEqual([7, 8, 9]);
    expect(buildSegment(batch, [4, 2, 4], 1, 3).firstId).toBe(8);
  });

  it('keeps the newest message of each topic, in buckets of topics', () => {
    const batch = [message(1), message(2), message(3), message(4)];
    const latest = latestOfBatch(batch, [0, 70, 0, 1]);
    expect(latest.map((r) => [r.topicId, r.id])).toEqual([
      [0, 3],
      [70, 2],
      [1, 4],
    ]);
    const buckets = latestByBucket(latest);
    expect([...buckets.keys()]).toEqual([0, 1]);
    const merged = mergeLatest(
      0,
      { bucket: 0, entries: [{ ...latest[0]!, id: 9 }] },
      buckets.get(0)!,
    );
    expect(merged.entries.map((r) => [r.topicId, r.id])).toEqual([
      [0, 9],
      [1, 4],
    ]);
  });
});

describe('topic dictionary', () => {
  it('selects topics by exact name or wildcard, and notices topics added since', () => {
    const dict = createTopicDictionary([
      { id: 0, topic: 'home/kitchen/temp' },
      { id: 2, topic: 'home/hall/temp' },
      { id: 1, topic: '$SYS/load' },
    ]);
    expect(dict.select('home/+/temp').ids).toEqual([0, 2]);
    expect(dict.select('#').ids).toEqual([0, 2]);
    expect(dict.select('$SYS/#').ids).toEqual([1]);
    expect(dict.select('home/hall/temp').ids).toEqual([2]);
    expect(dict.select('home/none').ids).toEqual([]);
    expect(dict.nextId()).toBe(3);
    dict.add(3, 'home/attic/temp');
    const selection = dict.select('home/+/temp');
    expect(selection.ids).toEqual([0, 2, 3]);
    expect([...selection.mask]).toEqual([1, 0, 1, 1]);
    expect(dict.idOf('home/attic/temp')).toBe(3);
    expect(dict.topicOf(1)).toBe('$SYS/load');
  });
});

describe('version-1 records', () => {
  it('become messages, with loose fields made safe and non-messages skipped', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const v1 = { id: 4, connectionId: 'c', topic: 't', qos: 1, retain: true, time: 9, size: 3 };
    expect(legacyMessage({ ...v1, payload: bytes })).toEqual({ ...v1, payload: bytes });
    expect(legacyMessage({ ...v1, payload: bytes.buffer })?.payload).toEqual(bytes);
    expect(
      legacyMessage({ ...v1, qos: 7, retain: 'yes', time: 'x', payload: bytes }),
    ).toMatchObject({
      qos: 0,
      retain: false,
      time: 0,
    });
    const props = { contentType: 'text/plain', userProperties: { a: 'b' } };
    expect(legacyMessage({ ...v1, payload: bytes, properties: props })?.properties).toEqual(props);
    expect(
      legacyMessage({ ...v1, payload: bytes, properties: { correlationData: 5 } }),
    ).not.toHaveProperty('properties');
    expect(legacyMessage({ ...v1, payload: 'text' })).toBeUndefined();
    expect(legacyMessage({ ...v1, id: '4', payload: bytes })).toBeUndefined();
    expect(legacyMessage(null)).toBeUndefined();
  });
});
