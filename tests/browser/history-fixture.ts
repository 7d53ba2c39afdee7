// Deterministic messages for the history store tests, built the same way in Node (the expected
// results) and in the page (what gets stored): every kind of payload, topic and property.
import type { StoredMessage } from '../../worker/protocol';

export const FIXTURE_TOPICS = [
  'deck/kitchen/temp',
  'deck/hall/temp',
  'deck/hall/hum',
  'deck/капля/temp',
  '$SYS/load',
  'deck/a/b/c',
  'deck/hall',
  // Enough rooms that "deck/+/temp" matches more topics than the store merges index cursors for.
  ...Array.from({ length: 14 }, (_, i) => `deck/room${i}/temp`),
];
export const FIXTURE_BASE_TIME = 1_700_000_000_000;
/** Messages in this id range were received after the clock stepped back an hour. */
export const CLOCK_STEP_IDS = [1_500, 1_600] as const;
export const BIG_EVERY = 601;
export const BIG_BYTES = 1_200_000;

const utf8 = new TextEncoder();

function payloadOf(id: number): Uint8Array {
  if (id % BIG_EVERY === 0) return new Uint8Array(BIG_BYTES).map((_, i) => (i * 7 + id) % 251);
  if (id % 17 === 0) return new Uint8Array(0);
  if (id % 11 === 0) return new Uint8Array([0xff, id & 0xff, 0x00, 0xc3]);
  if (id % 13 === 0) return utf8.encode(`alarm °C ${id}`);
  return utf8.encode(`{"n":${id}}`);
}

export function fixtureMessage(id: number): StoredMessage {
  const payload = payloadOf(id);
  const stepped = id >= CLOCK_STEP_IDS[0] && id < CLOCK_STEP_IDS[1];
  const message: StoredMessage = {
    id,
    connectionId: id < 2_000 ? 'ws://127.0.0.1:1/mqtt' : 'ws://ünï.test/mqtt',
    topic: FIXTURE_TOPICS[(id * 5) % FIXTURE_TOPICS.length]!,
    qos: (id % 3) as 0 | 1 | 2,
    retain: id % 5 === 0,
    time: FIXTURE_BASE_TIME + id * 10 - (stepped ? 3_600_000 : 0),
    size: payload.byteLength,
    payload,
  };
  if (id % 19 === 0) {
    message.properties = {
      contentType: 'text/plain',
      correlationData: new Uint8Array([id & 0xff, 0]),
      userProperties: { k: String(id), list: ['a', 'b'] },
    };
  }
  return message;
}

/** Ids from `from` to `to` (exclusive). */
export const idRange = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * Bytes as a short comparable text: base64 when small, else length and an FNV-1a hash, so a
 * failing comparison of a 1 MB payload prints a line, not megabytes.
 */
export function bytesText(bytes: Uint8Array): string {
  if (bytes.length <= 256) {
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  }
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return `${bytes.length} bytes, FNV-1a ${hash.toString(16)}`;
}
