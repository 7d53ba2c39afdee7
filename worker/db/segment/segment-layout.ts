// The on-disk layout of one history segment (an ArrayBuffer of packed messages) and its checksum.
// Every field is little-endian; typed-array columns start 8-byte aligned so views need no copy.
// The layout is stored in users' browsers: change it only with a new SEGMENT_FORMAT_VERSION.
//
//   header (32 bytes)           magic u32 | version u16 | connections u16 | count u32 |
//                               payload bytes u32 | property bytes u32 | connection table bytes u32 |
//                               crc32 u32 (of header bytes 0..23 and everything up to the payloads) |
//                               reserved u32 (0)
//   ids            f64 × count  strictly increasing message ids
//   times          f64 × count  receive times, ms since the epoch
//   topic ids      u32 × count  keys of the topic dictionary
//   payload ends   u32 × count  end offset of each payload in the payload bytes
//   property ends  u32 × count  only when property bytes > 0
//   connections    u16 × count  index into the connection table
//   flags          u8 × count   bits 0-1 QoS, bit 2 retain, bit 3 published by this app (always 0
//                               before it existed, so older segments read as received)
//   connection table            per connection: byte length u32, UTF-8
//   property bytes (properties-codec.ts), then payload bytes, last so the checksum can skip them

export const SEGMENT_MAGIC = 0x3153444d; // "MDS1" when read as bytes
export const SEGMENT_FORMAT_VERSION = 1;
export const SEGMENT_HEADER_BYTES = 32;
export const CRC_FIELD_OFFSET = 24;
export const FLAG_QOS_MASK = 0b011;
export const FLAG_RETAIN = 0b100;
export const FLAG_PUBLISHED = 0b1000;
export const MAX_CONNECTIONS_PER_SEGMENT = 0xffff;

export interface SegmentSections {
  ids: number;
  times: number;
  topicIds: number;
  payloadEnds: number;
  propertyEnds: number;
  connectionIndex: number;
  flags: number;
  connectionTable: number;
  properties: number;
  payloads: number;
  total: number;
}

/** Byte offsets of each section for a segment of `count` messages with these section sizes. */
export function segmentSections(
  count: number,
  payloadBytes: number,
  propertyBytes: number,
  connectionTableBytes: number,
): SegmentSections {
  const ids = SEGMENT_HEADER_BYTES;
  const times = ids + 8 * count;
  const topicIds = times + 8 * count;
  const payloadEnds = topicIds + 4 * count;
  const propertyEnds = payloadEnds + 4 * count;
  const connectionIndex = propertyEnds + (propertyBytes > 0 ? 4 * count : 0);
  const flags = connectionIndex + 2 * count;
  const connectionTable = flags + count;
  const properties = connectionTable + connectionTableBytes;
  const payloads = properties + propertyBytes;
  return {
    ids,
    times,
    topicIds,
    payloadEnds,
    propertyEnds,
    connectionIndex,
    flags,
    connectionTable,
    properties,
    payloads,
    total: payloads + payloadBytes,
  };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 of the segment's metadata: the header (without the CRC field) and every column up to
 * the payloads. Payload bytes are left out: checking them would cost a pass over every byte read,
 * and a wrong column (the part that would turn into garbage messages) is what this guards against.
 */
export function metadataCrc(bytes: Uint8Array, payloadsOffset: number): number {
  let crc = 0xffffffff;
  for (let i = 0; i < payloadsOffset; i++) {
    if (i === CRC_FIELD_OFFSET) i += 8; // skip the CRC field and the reserved word after it
    crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The flags byte of one message. */
export function messageFlags(m: { qos: number; retain: boolean; published?: boolean }): number {
  return (
    (m.qos & FLAG_QOS_MASK) | (m.retain ? FLAG_RETAIN : 0) | (m.published ? FLAG_PUBLISHED : 0)
  );
}
