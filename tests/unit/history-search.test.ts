// Payload text search on raw bytes: what it finds in one payload and across a packed segment
// agrees with a plain byte search, and a match never spans two messages.
import { describe, expect, it } from 'vitest';
import { matchesMessage, prepareQuery } from '../../worker/history/query/history-filter';
import {
  indexOfNeedle,
  messagesContaining,
  toNeedle,
  tuneNeedle,
} from '../../worker/history/query/payload-search';
import type { StoredMessage } from '../../shared/protocol';
import { encodeSegment, openSegment } from '../../worker/db/segment/segment-codec';

const utf8 = new TextEncoder();

function message(id: number, payload: Uint8Array | string, over: Partial<StoredMessage> = {}) {
  const bytes = typeof payload === 'string' ? utf8.encode(payload) : payload;
  return {
    id,
    connectionId: 'c',
    topic: 'deck/t',
    qos: 0,
    retain: false,
    time: id,
    size: bytes.byteLength,
    payload: bytes,
    ...over,
  } satisfies StoredMessage;
}

const segmentOf = (payloads: (Uint8Array | string)[]) => {
  const messages = payloads.map((p, i) => message(i + 1, p));
  return openSegment(encodeSegment(messages, new Array<number>(messages.length).fill(0)));
};

const hitList = (hits: Uint8Array | undefined) =>
  hits ? [...hits.keys()].filter((i) => hits[i] === 1) : [];

/** A small pseudo-random generator, so failures reproduce. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('payload search', () => {
  it('anchors on the needle byte least likely to be common', () => {
    expect(toNeedle('')).toBeUndefined();
    expect(toNeedle('temp"Z')?.anchor).toBe(5);
    expect(toNeedle('°C')?.anchor).toBe(0);
    expect(toNeedle('abc')?.anchor).toBe(0);
  });

  it('re-anchors on the needle byte rarest in real payloads', () => {
    const needle = toNeedle('"seq":7')!;
    expect(needle.anchor).toBe(0);
    // No payload holds a "7": the scan jumps from one (absent) 7 to the next, not from quote to quote.
    tuneNeedle(needle, utf8.encode('{"seq":1,"v":2,"w":"x"}'.repeat(10)));
    expect(needle.anchor).toBe(6);
    tuneNeedle(needle, utf8.encode('7777'));
    expect(needle.anchor).toBe(6); // tuned once per query
  });

  it('finds the needle only inside [from, to)', () => {
    const hay = utf8.encode('xxabcxxabc');
    const needle = toNeedle('abc')!;
    expect(indexOfNeedle(hay, needle, 0, hay.length)).toBe(2);
    expect(indexOfNeedle(hay, needle, 3, hay.length)).toBe(7);
    expect(indexOfNeedle(hay, needle, 3, 9)).toBe(-1);
    expect(indexOfNeedle(utf8.encode('ab'), needle, 0, 2)).toBe(-1);
  });

  it('counts a match once per message, never across two payloads', () => {
    const view = segmentOf(['alarm', 'ala', 'rm', '', 'no', 'alarm alarm', 'xalarm']);
    expect(hitList(messagesContaining(view, toNeedle('alarm')!))).toEqual([0, 5, 6]);
    expect(messagesContaining(view, toNeedle('alarmx')!)).toBeUndefined();
    expect(hitList(messagesContaining(view, toNeedle('m')!))).toEqual([0, 2, 5, 6]);
  });

  it('matches non-ASCII text and raw bytes that are not UTF-8', () => {
    const view = segmentOf(['22 °C', new Uint8Array([0xff, 0xc2, 0xb0, 0x43]), '°F']);
    expect(hitList(messagesContaining(view, toNeedle('°C')!))).toEqual([0, 1]);
  });

  it('agrees with a plain byte search on random payloads', () => {
    const next = random(7);
    const alphabet = utf8.encode('ab"°');
    for (let round = 0; round < 50; round++) {
      const payloads = Array.from({ length: 1 + Math.floor(next() * 40) }, () =>
        Uint8Array.from(
          { length: Math.floor(next() * 12) },
          () => alphabet[Math.floor(next() * 5)]!,
        ),
      );
      const needleBytes = Uint8Array.from(
        { length: 1 + Math.floor(next() * 3) },
        () => alphabet[Math.floor(next() * 5)]!,
      );
      const needle = { bytes: needleBytes, anchor: Math.floor(next() * needleBytes.length) };
      const expected = payloads.flatMap((p, i) =>
        Buffer.from(p).includes(Buffer.from(needleBytes)) ? [i] : [],
      );
      expect(hitList(messagesContaining(segmentOf(payloads), needle))).toEqual(expected);
    }
  });
});

describe('prepared queries on messages in memory', () => {
  const m = message(5, '{"t":21.5}', { topic: 'home/kitchen/temp', time: 1_000 });
  const matches = (query: Parameters<typeof prepareQuery>[0]) =>
    matchesMessage(prepareQuery(query), m);

  it('apply every condition given, and nothing else', () => {
    expect(matches({ limit: 1 })).toBe(true);
    expect(
      matches({ limit: 1, topicFilter: 'home/+/temp', text: '21.5', from: 1_000, to: 1_000 }),
    ).toBe(true);
    expect(matches({ limit: 1, topicFilter: 'home/+/hum' })).toBe(false);
    expect(matches({ limit: 1, text: '22' })).toBe(false);
    expect(matches({ limit: 1, from: 1_001 })).toBe(false);
    expect(matches({ limit: 1, to: 999 })).toBe(false);
    expect(matches({ limit: 1, before: 5 })).toBe(false);
    expect(matches({ limit: 1, text: '', topicFilter: '' })).toBe(true);
    expect(prepareQuery({ limit: 1, text: '' }).needle).toBeUndefined();
  });
});
