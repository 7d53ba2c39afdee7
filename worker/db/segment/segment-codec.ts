// Packs messages into one segment ArrayBuffer (a sizing pass, one allocation, one writing pass) and
// opens a stored segment as typed-array views after checking it, so reads copy only what they return.
import { encodeProperties } from './properties-codec';
import type { MessageProperties, Qos } from '../../../shared/protocol';
import {
  MAX_CONNECTIONS_PER_SEGMENT,
  SEGMENT_FORMAT_VERSION,
  SEGMENT_MAGIC,
  messageFlags,
  metadataCrc,
  segmentSections,
} from './segment-layout';

/** What a segment keeps of a message; the topic travels as a dictionary id beside it. */
export interface SegmentMessage {
  id: number;
  connectionId: string;
  time: number;
  qos: Qos;
  retain: boolean;
  payload: Uint8Array;
  properties?: MessageProperties;
  /** Published by this app (flag bit 3); absent for received messages. */
  published?: boolean;
}

const utf8 = new TextEncoder();
const MAX_U32 = 0xffffffff;

/** Encodes messages[start, end) with their topic ids (topicIds[i] belongs to messages[i]). */
export function encodeSegment(
  messages: readonly SegmentMessage[],
  topicIds: ArrayLike<number>,
  start = 0,
  end = messages.length,
): ArrayBuffer {
  const count = end - start;
  if (count <= 0) throw new RangeError('a segment holds at least one message');
  // Sizing pass: payload and property bytes, the connection table.
  const connectionSlots = new Map<string, number>();
  const connectionBytes: Uint8Array[] = [];
  let tableBytes = 0;
  let payloadBytes = 0;
  let propertyBytes = 0;
  let encodedProps: (Uint8Array | undefined)[] | undefined;
  let lastId = -Infinity;
  for (let i = start; i < end; i++) {
    const m = messages[i]!;
    if (!(m.id > lastId)) throw new RangeError(`message ids must increase (id ${m.id})`);
    lastId = m.id;
    payloadBytes += m.payload.byteLength;
    if (m.properties) {
      encodedProps ??= [];
      const bytes = encodeProperties(m.properties);
      encodedProps[i - start] = bytes;
      propertyBytes += bytes.byteLength;
    }
    if (!connectionSlots.has(m.connectionId)) {
      if (connectionSlots.size === MAX_CONNECTIONS_PER_SEGMENT) {
        throw new RangeError('too many connections in one segment');
      }
      const bytes = utf8.encode(m.connectionId);
      connectionSlots.set(m.connectionId, connectionSlots.size);
      connectionBytes.push(bytes);
      tableBytes += 4 + bytes.byteLength;
    }
  }
  if (payloadBytes > MAX_U32 || propertyBytes > MAX_U32) {
    throw new RangeError('segment payloads exceed 4 GiB');
  }

  const at = segmentSections(count, payloadBytes, propertyBytes, tableBytes);
  const buffer = new ArrayBuffer(at.total);
  const bytes = new Uint8Array(buffer);
  const header = new DataView(buffer);
  const ids = new Float64Array(buffer, at.ids, count);
  const times = new Float64Array(buffer, at.times, count);
  const topics = new Uint32Array(buffer, at.topicIds, count);
  const payloadEnds = new Uint32Array(buffer, at.payloadEnds, count);
  const propertyEnds = propertyBytes > 0 ? new Uint32Array(buffer, at.propertyEnds, count) : null;
  const connectionIndex = new Uint16Array(buffer, at.connectionIndex, count);
  const flags = new Uint8Array(buffer, at.flags, count);

  // Writing pass. The connection lookup is cached: a batch nearly always has one connection.
  let lastConnection = '';
  let lastSlot = -1;
  let payloadEnd = 0;
  let propertyEnd = 0;
  for (let i = 0; i < count; i++) {
    const m = messages[start + i]!;
    ids[i] = m.id;
    times[i] = m.time;
    const topicId = topicIds[start + i]!;
    if (!Number.isInteger(topicId) || topicId < 0 || topicId > MAX_U32) {
      throw new RangeError(`bad topic id ${topicId}`);
    }
    topics[i] = topicId;
    if (m.connectionId !== lastConnection || lastSlot < 0) {
      lastConnection = m.connectionId;
      lastSlot = connectionSlots.get(m.connectionId)!;
    }
    connectionIndex[i] = lastSlot;
    flags[i] = messageFlags(m);
    bytes.set(m.payload, at.payloads + payloadEnd);
    payloadEnd += m.payload.byteLength;
    payloadEnds[i] = payloadEnd;
    if (propertyEnds) {
      const props = encodedProps?.[i];
      if (props) bytes.set(props, at.properties + propertyEnd);
      propertyEnd += props?.byteLength ?? 0;
      propertyEnds[i] = propertyEnd;
    }
  }
  let tableAt = at.connectionTable;
  for (const name of connectionBytes) {
    header.setUint32(tableAt, name.byteLength, true);
    bytes.set(name, tableAt + 4);
    tableAt += 4 + name.byteLength;
  }

  header.setUint32(0, SEGMENT_MAGIC, true);
  header.setUint16(4, SEGMENT_FORMAT_VERSION, true);
  header.setUint16(6, connectionBytes.length, true);
  header.setUint32(8, count, true);
  header.setUint32(12, payloadBytes, true);
  header.setUint32(16, propertyBytes, true);
  header.setUint32(20, tableBytes, true);
  header.setUint32(24, metadataCrc(bytes, at.payloads), true);
  return buffer;
}

export { CorruptSegmentError, openSegment } from './segment-open';
export type { SegmentView } from './segment-open';
