// The packed segment format: every field survives a round trip byte for byte, and a damaged or
// truncated segment is refused with a clear error instead of read as wrong messages.
import { describe, expect, it } from 'vitest';
import { toSummary } from '../../worker/db/message-summary';
import { decodeProperties, encodeProperties } from '../../worker/db/segment/properties-codec';
import type { StoredMessage } from '../../shared/protocol';
import {
  CorruptSegmentError,
  encodeSegment,
  openSegment,
} from '../../worker/db/segment/segment-codec';
import { indexOfId, messageAt, summaryAt } from '../../worker/db/segment/segment-read';

const ONE_MB = 1_048_576;

function message(id: number, over: Partial<StoredMessage> = {}): StoredMessage {
  const payload = over.payload ?? new TextEncoder().encode(`payload ${id}`);
  return {
    id,
    connectionId: 'ws://127.0.0.1:1883/mqtt',
    topic: `deck/${id % 3}`,
    qos: 0,
    retain: false,
    time: 1_700_000_000_000 + id,
    ...over,
    payload,
    size: payload.byteLength,
  };
}

const big = new Uint8Array(ONE_MB).map((_, i) => (i * 31 + 7) % 256);
const MESSAGES: StoredMessage[] = [
  message(10, { payload: new Uint8Array(0), qos: 1 }),
  message(11, { payload: new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3]), retain: true, qos: 2 }),
  message(13, { topic: 'капля/🌡/temp', connectionId: 'ünïcode ✓' }),
  message(14, {
    properties: {
      payloadFormatIndicator: true,
      messageExpiryInterval: 3_600,
      topicAlias: 7,
      responseTopic: 'reply/✓',
      correlationData: new Uint8Array([0, 1, 255]),
      userProperties: JSON.parse('{"__proto__":"plain","list":["a","b"],"one":["x"]}') as Record<
        string,
        string | string[]
      >,
      subscriptionIdentifier: [1, 268_435_455],
      contentType: 'application/json',
    },
  }),
  message(15, { properties: { subscriptionIdentifier: 4, userProperties: { k: 'v' } } }),
  message(2 ** 52, { payload: big, time: 0.5 }),
];

/** Encodes MESSAGES with their topic ids, decodes them back through the dictionary. */
function roundTrip(messages: StoredMessage[]) {
  const topics = [...new Set(messages.map((m) => m.topic))];
  const buffer = encodeSegment(
    messages,
    messages.map((m) => topics.indexOf(m.topic)),
  );
  const view = openSegment(buffer);
  return { buffer, view, topicOf: (i: number) => topics[view.topicIds[i]!]! };
}

describe('segment codec', () => {
  it('round-trips every field, payloads byte for byte, in order', () => {
    const { view, topicOf } = roundTrip(MESSAGES);
    expect(view.count).toBe(MESSAGES.length);
    const decoded = MESSAGES.map((_, i) => messageAt(view, i, topicOf(i)));
    // Deep equality walks a 1 MB array slowly: compare that payload as bytes, the rest as values.
    const [bigOut] = decoded.splice(5, 1);
    expect(Buffer.from(bigOut!.payload).equals(Buffer.from(big))).toBe(true);
    expect({ ...bigOut, payload: 'big' }).toEqual({ ...MESSAGES[5], payload: 'big' });
    expect(decoded).toEqual(MESSAGES.slice(0, 5));
    expect(Object.keys(decoded[3]!.properties!.userProperties!)).toEqual([
      '__proto__',
      'list',
      'one',
    ]);
    expect(Object.getPrototypeOf(decoded[3]!.properties!.userProperties)).toBe(Object.prototype);
    // The returned payload is a copy, not a view that would keep the whole segment alive.
    expect(decoded[1]!.payload.buffer.byteLength).toBe(5);
  });

  it('gives list summaries with the preview cut to 1 KiB, and finds messages by id', () => {
    const { view, topicOf } = roundTrip(MESSAGES);
    const summaries = MESSAGES.map((_, i) => summaryAt(view, i, topicOf(i)));
    expect(summaries).toEqual(MESSAGES.map(toSummary));
    expect(summaries[5]!.preview).toEqual(big.slice(0, 1024));
    expect(indexOfId(view, 13)).toBe(2);
    expect(indexOfId(view, 2 ** 52)).toBe(5);
    expect(indexOfId(view, 12)).toBe(-1);
  });

  it('omits the property columns when no message has properties', () => {
    const plain = MESSAGES.filter((m) => !m.properties);
    const withProps = roundTrip(MESSAGES).buffer.byteLength;
    const { view } = roundTrip(plain);
    expect(view.propertyEnds).toBeUndefined();
    expect(withProps - roundTrip(plain).buffer.byteLength).toBeGreaterThan(2 * 4 * 6);
  });

  it('refuses to encode ids that do not increase, or nothing', () => {
    expect(() => encodeSegment([message(2), message(2)], [0, 0])).toThrow(/ids must increase/);
    expect(() => encodeSegment([message(3), message(2)], [0, 0])).toThrow(/ids must increase/);
    expect(() => encodeSegment([], [])).toThrow(/at least one/);
  });
});

describe('properties bytes', () => {
  it('refuse to decode when cut short or tagged with an unknown tag', () => {
    const bytes = encodeProperties({ contentType: 'text/plain', userProperties: { a: ['b'] } });
    expect(decodeProperties(bytes)).toEqual({
      contentType: 'text/plain',
      userProperties: { a: ['b'] },
    });
    expect(() => decodeProperties(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    expect(() => decodeProperties(new Uint8Array([99]))).toThrow(/unknown property tag 99/);
    // A count of four billion strings in a few bytes is refused before anything is allocated.
    expect(() => decodeProperties(new Uint8Array([6, 0, 0, 0, 0, 1, 255, 255, 255, 255]))).toThrow(
      /truncated/,
    );
  });
});

describe('a damaged segment', () => {
  const { buffer } = roundTrip(MESSAGES.slice(0, 5));
  // Payloads come last: the byte before them is the last property byte.
  const payloadBytes = MESSAGES.slice(0, 5).reduce((sum, m) => sum + m.size, 0);
  const damaged = (change: (bytes: Uint8Array) => void) => {
    const copy = buffer.slice(0);
    change(new Uint8Array(copy));
    return copy;
  };
  const cases: [string, ArrayBuffer | unknown, RegExp][] = [
    ['truncated by one byte', buffer.slice(0, buffer.byteLength - 1), /bytes long, its header/],
    ['cut inside the header', buffer.slice(0, 20), /only 20 bytes/],
    ['with bytes appended', new Uint8Array([...new Uint8Array(buffer), 0]).buffer, /bytes long/],
    ['with a flipped id bit', damaged((b) => (b[32 + 3] = b[32 + 3]! ^ 0x10)), /checksum/],
    [
      'with a flipped property byte',
      damaged((b) => (b[b.length - payloadBytes - 1] = b[b.length - payloadBytes - 1]! ^ 1)),
      /checksum/,
    ],
    ['with a wrong mark', damaged((b) => (b[0] = 0)), /segment mark/],
    ['from a newer format', damaged((b) => (b[4] = 9)), /version 9/],
    ['with a count that does not fit', damaged((b) => (b[8] = 200)), /header says/],
    ['that is not binary', 'segment', /not binary/],
  ];
  it.each(cases)('%s throws CorruptSegmentError', (_name, input, why) => {
    expect(() => openSegment(input as ArrayBuffer)).toThrow(CorruptSegmentError);
    expect(() => openSegment(input as ArrayBuffer)).toThrow(why);
  });
});
