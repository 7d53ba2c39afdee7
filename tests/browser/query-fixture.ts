// Deterministic messages for the explorer query tests, built the same way in Node (the expected
// results) and in the page (what gets stored): topics on several first levels, every QoS, retained
// and published flags, text and binary payloads.
import type { StoredMessage } from '../../worker/protocol';

export const QUERY_TOPICS = ['plant/a/temp', 'plant/b/temp', 'office/door', '/lead', 'solo'];
export const QUERY_BASE_TIME = 1_700_000_000_000;

const utf8 = new TextEncoder();

function payloadOf(id: number): Uint8Array {
  if (id % 29 === 0) return new Uint8Array([0xff, 0xfe, id & 0xff]);
  if (id % 7 === 0) return utf8.encode(`ALARM level ${id}`);
  if (id % 3 === 0) return utf8.encode(`alarm ${id % 10}`);
  return utf8.encode(`{"v":${id}}`);
}

export function queryMessage(id: number): StoredMessage {
  const payload = payloadOf(id);
  const message: StoredMessage = {
    id,
    connectionId: 'profile-1',
    topic: QUERY_TOPICS[(id * 3) % QUERY_TOPICS.length]!,
    qos: (id % 3) as 0 | 1 | 2,
    retain: id % 6 === 0,
    time: QUERY_BASE_TIME + id * 10,
    size: payload.byteLength,
    payload,
  };
  if (id % 4 === 0) message.published = true;
  return message;
}
