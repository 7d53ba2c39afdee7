// Cuts a batch of messages into segments and describes each one for the indexes: pure, so the
// append transaction and the version-1 migration pack the same way, and Node tests can check it.
import { toSummary } from '../message-summary';
import { LATEST_BUCKET_TOPICS } from '../schema';
import type { LatestBucket, LatestRecord, SegmentRecord } from '../schema';
import type { StoredMessage } from '../../../shared/protocol';
import { encodeSegment } from './segment-codec';

/** Payload bytes per segment: large enough to amortize a record, small enough to read in a few ms. */
export const SEGMENT_MAX_PAYLOAD_BYTES = 1024 * 1024;
export const SEGMENT_MAX_MESSAGES = 4096;

/** Ends (exclusive) of the segments messages[0, n) is cut into; a big message gets its own. */
export function segmentEnds(messages: readonly StoredMessage[]): number[] {
  const ends: number[] = [];
  let bytes = 0;
  let count = 0;
  for (let i = 0; i < messages.length; i++) {
    const size = messages[i]!.payload.byteLength;
    if (count > 0 && (bytes + size > SEGMENT_MAX_PAYLOAD_BYTES || count === SEGMENT_MAX_MESSAGES)) {
      ends.push(i);
      bytes = 0;
      count = 0;
    }
    bytes += size;
    count += 1;
  }
  if (count > 0) ends.push(messages.length);
  return ends;
}

/** Encodes messages[start, end) (with topicIds[i] for messages[i]) as one segment record. */
export function buildSegment(
  messages: readonly StoredMessage[],
  topicIds: ArrayLike<number>,
  start: number,
  end: number,
): SegmentRecord {
  let minTime = Infinity;
  let maxTime = -Infinity;
  let bytes = 0;
  const topics = new Set<number>();
  for (let i = start; i < end; i++) {
    const m = messages[i]!;
    if (m.time < minTime) minTime = m.time;
    if (m.time > maxTime) maxTime = m.time;
    bytes += m.payload.byteLength;
    topics.add(topicIds[i]!);
  }
  return {
    firstId: messages[start]!.id,
    lastId: messages[end - 1]!.id,
    count: end - start,
    minTime,
    maxTime,
    bytes,
    topics: [...topics],
    data: encodeSegment(messages, topicIds, start, end),
  };
}

/** The newest message of each topic in the batch, with the batch's count and bytes per topic. */
export function latestOfBatch(
  messages: readonly StoredMessage[],
  topicIds: ArrayLike<number>,
): LatestRecord[] {
  const last = new Map<number, { at: number; count: number; bytes: number }>();
  for (let i = 0; i < messages.length; i++) {
    const topicId = topicIds[i]!;
    const seen = last.get(topicId);
    const bytes = messages[i]!.payload.byteLength;
    if (seen) {
      seen.at = i;
      seen.count += 1;
      seen.bytes += bytes;
    } else last.set(topicId, { at: i, count: 1, bytes });
  }
  return [...last].map(([topicId, { at, count, bytes }]) => ({
    ...toSummary(messages[at]!),
    topicId,
    count,
    bytes,
  }));
}

/** Two latest-value records of one topic as one: the newer message, the sum of the counts. */
export function combineLatest(a: LatestRecord | undefined, b: LatestRecord): LatestRecord {
  if (!a) return b;
  const newer = a.id < b.id ? b : a;
  return { ...newer, count: (a.count ?? 0) + b.count, bytes: (a.bytes ?? 0) + b.bytes };
}

/** Latest-value records grouped by the bucket record that holds them. */
export function latestByBucket(records: Iterable<LatestRecord>): Map<number, LatestRecord[]> {
  const buckets = new Map<number, LatestRecord[]>();
  for (const record of records) {
    const bucket = Math.floor(record.topicId / LATEST_BUCKET_TOPICS);
    const list = buckets.get(bucket);
    if (list) list.push(record);
    else buckets.set(bucket, [record]);
  }
  return buckets;
}

/** A bucket with `records` added: the newer message (higher id) of a topic wins, counts add up. */
export function mergeLatest(
  bucket: number,
  stored: LatestBucket | undefined,
  records: readonly LatestRecord[],
): LatestBucket {
  const byTopic = new Map((stored?.entries ?? []).map((entry) => [entry.topicId, entry]));
  for (const record of records) {
    byTopic.set(record.topicId, combineLatest(byTopic.get(record.topicId), record));
  }
  return { bucket, entries: [...byTopic.values()].sort((a, b) => a.topicId - b.topicId) };
}
