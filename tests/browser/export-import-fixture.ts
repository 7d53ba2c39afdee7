// The messages of the export/import test, built in Node (the expected results, the files
// imported): every kind of payload, topic, direction and property; and their canonical form.
import { createHash } from 'node:crypto';
import type { StoredMessage } from '../../worker/protocol';
import { fixtureMessage } from './history-fixture';

const MIB = 1 << 20;
const utf8 = new TextEncoder();

const everyProperty = {
  payloadFormatIndicator: true,
  messageExpiryInterval: 3_600,
  topicAlias: 7,
  responseTopic: 'reply/ünï',
  correlationData: new Uint8Array([0, 255, 1, 254]),
  userProperties: { a: 'b', list: ['x', 'y'] },
  subscriptionIdentifier: [1, 268_435_455],
  contentType: 'application/json',
};

/** The history fixture, plus published messages, every property, a BOM, 1 MiB and emoji topics. */
export function variedMessage(id: number): StoredMessage {
  const m = fixtureMessage(id);
  if (id % 7 === 0) m.published = true;
  if (id % 23 === 0) m.properties = everyProperty;
  if (id === 1_000) m.payload = new Uint8Array(MIB).map((_, i) => (i * 13) % 256);
  if (id === 1_001) m.payload = new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]);
  if (id % 97 === 0) m.topic = `deck/😀/ключ/${id % 3}`;
  m.size = m.payload.length;
  return m;
}

export function smallMessage(id: number): StoredMessage {
  const payload = utf8.encode(`{"n":${id},"t":${(id % 400) / 10}}`);
  return {
    id,
    connectionId: 'bench',
    topic: `site/${id % 50}/temp`,
    qos: 0,
    retain: false,
    time: 1_700_000_000_000 + id,
    size: payload.length,
    payload,
  };
}

export const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** A message as compared: payload and correlation data as hashes and hex. */
export function canonical(m: StoredMessage) {
  const { payload, properties, published, ...rest } = m;
  const cd = properties?.correlationData;
  return {
    ...rest,
    published: published === true,
    payload: sha(payload),
    properties: properties && { ...properties, ...(cd ? { correlationData: hex(cd) } : {}) },
  };
}
