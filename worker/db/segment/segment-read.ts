// Reads single messages out of an opened segment: by position, by id, whole or as a list summary.
// Only what is returned is copied (the payload, or its preview); the segment buffer is never kept.
import { decodeProperties } from './properties-codec';
import { PREVIEW_BYTES } from '../../../shared/protocol';
import type {
  MessageProperties,
  MessageSummary,
  Qos,
  StoredMessage,
} from '../../../shared/protocol';
import { FLAG_PUBLISHED, FLAG_QOS_MASK, FLAG_RETAIN } from './segment-layout';
import { CorruptSegmentError } from './segment-open';
import type { SegmentView } from './segment-open';

export const payloadStart = (view: SegmentView, i: number): number =>
  i === 0 ? 0 : view.payloadEnds[i - 1]!;

/** The payload of message i as a view into the segment (copy it before keeping it). */
export function payloadView(view: SegmentView, i: number): Uint8Array {
  return view.payloads.subarray(payloadStart(view, i), view.payloadEnds[i]);
}

export function propertiesAt(view: SegmentView, i: number): MessageProperties | undefined {
  const ends = view.propertyEnds;
  if (!ends) return undefined;
  const start = i === 0 ? 0 : ends[i - 1]!;
  if (ends[i] === start) return undefined;
  try {
    return decodeProperties(view.properties.subarray(start, ends[i]));
  } catch (error) {
    throw new CorruptSegmentError(`History segment is damaged: ${String(error)}.`);
  }
}

/** Position of the message with this id, or -1 (ids are sorted: binary search). */
export function indexOfId(view: SegmentView, id: number): number {
  let lo = 0;
  let hi = view.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = view.ids[mid]!;
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function header(view: SegmentView, i: number, topic: string): Omit<MessageSummary, 'preview'> {
  const flags = view.flags[i]!;
  const fields: Omit<MessageSummary, 'preview'> = {
    id: view.ids[i]!,
    connectionId: view.connections[view.connectionIndex[i]!]!,
    topic,
    qos: (flags & FLAG_QOS_MASK) as Qos,
    retain: (flags & FLAG_RETAIN) !== 0,
    time: view.times[i]!,
    size: view.payloadEnds[i]! - payloadStart(view, i),
  };
  if (flags & FLAG_PUBLISHED) fields.published = true;
  return fields;
}

/** Message i with its whole payload (a copy). */
export function messageAt(view: SegmentView, i: number, topic: string): StoredMessage {
  const message: StoredMessage = {
    ...header(view, i, topic),
    payload: payloadView(view, i).slice(),
  };
  const properties = propertiesAt(view, i);
  if (properties) message.properties = properties;
  return message;
}

/** Message i as the list shows it: the payload cut to PREVIEW_BYTES (a copy). */
export function summaryAt(view: SegmentView, i: number, topic: string): MessageSummary {
  const start = payloadStart(view, i);
  const end = Math.min(view.payloadEnds[i]!, start + PREVIEW_BYTES);
  const summary: MessageSummary = {
    ...header(view, i, topic),
    preview: view.payloads.slice(start, end),
  };
  const properties = propertiesAt(view, i);
  if (properties) summary.properties = properties;
  return summary;
}

/** Messages and payload bytes per topic id in one segment (from two columns, nothing copied). */
export function topicAmounts(
  view: SegmentView,
  into = new Map<number, { count: number; bytes: number }>(),
): Map<number, { count: number; bytes: number }> {
  for (let i = 0; i < view.count; i++) {
    const topicId = view.topicIds[i]!;
    const bytes = view.payloadEnds[i]! - payloadStart(view, i);
    const amount = into.get(topicId);
    if (amount) {
      amount.count += 1;
      amount.bytes += bytes;
    } else into.set(topicId, { count: 1, bytes });
  }
  return into;
}
