// The list form of a stored message: what the UI lists and what the `latest` store keeps per topic,
// the payload cut to PREVIEW_BYTES. Copies only, so posting a summary never clones a whole payload.
import { PREVIEW_BYTES } from '../../shared/protocol';
import type { MessageSummary, StoredMessage } from '../../shared/protocol';

/** The list form of a message. The preview is a copy, so posting it never clones the whole payload. */
export function toSummary(message: StoredMessage): MessageSummary {
  const { payload, ...rest } = message;
  return { ...rest, preview: payload.slice(0, PREVIEW_BYTES) };
}

/**
 * The list form of many messages at once, their previews packed into one buffer that only these
 * summaries view: posting them clones (or transfers) one buffer instead of one per message.
 */
export function toSummaries(messages: readonly StoredMessage[]): MessageSummary[] {
  let bytes = 0;
  for (const message of messages) bytes += Math.min(message.payload.byteLength, PREVIEW_BYTES);
  const buffer = new ArrayBuffer(bytes);
  const summaries: MessageSummary[] = [];
  let offset = 0;
  for (const m of messages) {
    const length = Math.min(m.payload.byteLength, PREVIEW_BYTES);
    const preview = new Uint8Array(buffer, offset, length);
    preview.set(m.payload.subarray(0, length));
    offset += length;
    const summary: MessageSummary = {
      id: m.id,
      connectionId: m.connectionId,
      topic: m.topic,
      qos: m.qos,
      retain: m.retain,
      time: m.time,
      size: m.size,
      preview,
    };
    if (m.properties) summary.properties = m.properties;
    summaries.push(summary);
  }
  return summaries;
}
