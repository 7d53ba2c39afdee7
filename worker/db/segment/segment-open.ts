// Opens a stored segment as typed-array views, after checking that it is whole and consistent:
// a truncated or damaged segment throws CorruptSegmentError instead of yielding wrong messages.
import {
  FLAG_QOS_MASK,
  SEGMENT_FORMAT_VERSION,
  SEGMENT_HEADER_BYTES,
  SEGMENT_MAGIC,
  metadataCrc,
  segmentSections,
} from './segment-layout';

/** Typed-array views over one segment's sections; nothing is copied. */
export interface SegmentView {
  readonly count: number;
  readonly ids: Float64Array;
  readonly times: Float64Array;
  readonly topicIds: Uint32Array;
  readonly payloadEnds: Uint32Array;
  /** Absent when no message of the segment has properties. */
  readonly propertyEnds: Uint32Array | undefined;
  readonly connectionIndex: Uint16Array;
  readonly flags: Uint8Array;
  readonly connections: readonly string[];
  readonly payloads: Uint8Array;
  readonly properties: Uint8Array;
}

export class CorruptSegmentError extends Error {
  override name = 'CorruptSegmentError';
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

function fail(why: string): never {
  throw new CorruptSegmentError(`History segment is damaged: ${why}.`);
}

/** Offsets must rise from 0 and end exactly at the section's size. */
function checkEnds(ends: Uint32Array, total: number, what: string): void {
  let previous = 0;
  for (const end of ends) {
    if (end < previous) fail(`${what} offsets go backwards`);
    previous = end;
  }
  if (previous !== total) fail(`${what} offsets do not cover the ${what} bytes`);
}

export function openSegment(buffer: ArrayBuffer): SegmentView {
  if (!(buffer instanceof ArrayBuffer)) fail('it is not binary data');
  if (buffer.byteLength < SEGMENT_HEADER_BYTES) fail(`only ${buffer.byteLength} bytes long`);
  const header = new DataView(buffer);
  if (header.getUint32(0, true) !== SEGMENT_MAGIC) fail('it does not start with the segment mark');
  const version = header.getUint16(4, true);
  if (version !== SEGMENT_FORMAT_VERSION) fail(`format version ${version} is not known`);
  const connectionCount = header.getUint16(6, true);
  const count = header.getUint32(8, true);
  const payloadBytes = header.getUint32(12, true);
  const propertyBytes = header.getUint32(16, true);
  const tableBytes = header.getUint32(20, true);
  if (header.getUint32(28, true) !== 0) fail('the reserved header word is not zero');
  const at = segmentSections(count, payloadBytes, propertyBytes, tableBytes);
  if (at.total !== buffer.byteLength) {
    fail(`it is ${buffer.byteLength} bytes long, its header says ${at.total}`);
  }
  const bytes = new Uint8Array(buffer);
  if (metadataCrc(bytes, at.payloads) !== header.getUint32(24, true)) fail('checksum mismatch');

  const view: SegmentView = {
    count,
    ids: new Float64Array(buffer, at.ids, count),
    times: new Float64Array(buffer, at.times, count),
    topicIds: new Uint32Array(buffer, at.topicIds, count),
    payloadEnds: new Uint32Array(buffer, at.payloadEnds, count),
    propertyEnds: propertyBytes > 0 ? new Uint32Array(buffer, at.propertyEnds, count) : undefined,
    connectionIndex: new Uint16Array(buffer, at.connectionIndex, count),
    flags: new Uint8Array(buffer, at.flags, count),
    connections: readConnectionTable(
      header,
      bytes,
      at.connectionTable,
      connectionCount,
      at.properties,
    ),
    payloads: new Uint8Array(buffer, at.payloads, payloadBytes),
    properties: new Uint8Array(buffer, at.properties, propertyBytes),
  };
  // The checksum covers these columns; the checks below also catch a writer's mistake.
  checkEnds(view.payloadEnds, payloadBytes, 'payload');
  if (view.propertyEnds) checkEnds(view.propertyEnds, propertyBytes, 'property');
  let lastId = -Infinity;
  for (let i = 0; i < count; i++) {
    const id = view.ids[i]!;
    if (!(id > lastId)) fail(`message ids do not increase at position ${i}`);
    lastId = id;
    if ((view.flags[i]! & FLAG_QOS_MASK) === 3) fail(`QoS 3 at position ${i}`);
    if (view.connectionIndex[i]! >= connectionCount) fail(`unknown connection at position ${i}`);
  }
  return view;
}

function readConnectionTable(
  header: DataView,
  bytes: Uint8Array,
  start: number,
  count: number,
  end: number,
): string[] {
  const names: string[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 4 > end) fail('the connection table is cut short');
    const length = header.getUint32(at, true);
    if (at + 4 + length > end) fail('the connection table is cut short');
    try {
      names.push(utf8Fatal.decode(bytes.subarray(at + 4, at + 4 + length)));
    } catch {
      fail('a connection name is not UTF-8');
    }
    at += 4 + length;
  }
  if (at !== end) fail('the connection table has trailing bytes');
  return names;
}
