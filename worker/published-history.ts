// The user's own publishes in history: when the outbox first hands one to mqtt.js it is appended
// through the history writer like a received message, flagged `published` (segment flag bit 3),
// once per outbox entry: a clean-session resend or a persistent session's replay adds nothing.
import type { OutboxRecord } from './history-schema';
import type { StoredMessage } from './protocol';

/** Outbox seqs remembered as recorded (an entry sent back to 'queued' is not recorded twice). */
const REMEMBERED_SEQS = 10_000;

export interface PublishedRecorderDeps {
  nextId(): number;
  /** The history writer's append; its promise (QoS 1/2) is nobody's acknowledgement here. */
  append(message: StoredMessage): void | Promise<void>;
  now?: () => number;
}

/** The history message for an outbox entry handed to mqtt.js now. */
export function publishedMessage(
  row: OutboxRecord,
  id: number,
  time: number,
  userProperties?: Record<string, string | string[]>,
): StoredMessage {
  const message: StoredMessage = {
    id,
    connectionId: row.connectionId,
    topic: row.topic,
    qos: row.qos,
    retain: row.retain,
    time,
    size: row.payload.byteLength,
    payload: row.payload,
    published: true,
  };
  if (userProperties) message.properties = { userProperties };
  return message;
}

export function createPublishedRecorder(deps: PublishedRecorderDeps) {
  const now = deps.now ?? Date.now;
  const recorded = new Set<number>();
  return (row: OutboxRecord, userProperties?: Record<string, string | string[]>): void => {
    if (recorded.has(row.seq)) return;
    recorded.add(row.seq);
    // A Set iterates in insertion order: the first value is the oldest seq.
    if (recorded.size > REMEMBERED_SEQS) recorded.delete(recorded.values().next().value!);
    const pending = deps.append(publishedMessage(row, deps.nextId(), now(), userProperties));
    // A failed write shows in the writer's history events; nothing else waits on it.
    pending?.catch(() => undefined);
  };
}
