// The user's own publishes in history: when the outbox first hands one to mqtt.js it is appended
// through the history writer like a received message, flagged `published` (segment flag bit 3),
// once per outbox entry, with the MQTT 5 properties it is sent with: a clean-session resend or a
// persistent session's replay adds nothing.
import type { OutboxRecord } from '../db/schema';
import type { MessageProperties, StoredMessage } from '../../shared/protocol';

/** Outbox seqs remembered as recorded (an entry sent back to 'queued' is not recorded twice). */
const REMEMBERED_SEQS = 10_000;

export interface PublishedRecorderDeps {
  nextId(): number;
  /** The history writer's append; its promise (QoS 1/2) is nobody's acknowledgement here. */
  append(message: StoredMessage): void | Promise<void>;
  now?: () => number;
}

/** The MQTT 5 properties an outbox entry is sent with, as a received message would show them. */
export function publishedProperties(row: OutboxRecord): MessageProperties | undefined {
  const props: MessageProperties = {};
  if (row.payloadFormatIndicator !== undefined) {
    props.payloadFormatIndicator = row.payloadFormatIndicator;
  }
  if (row.messageExpiryIntervalS !== undefined) {
    props.messageExpiryInterval = row.messageExpiryIntervalS;
  }
  if (row.topicAlias !== undefined) props.topicAlias = row.topicAlias;
  if (row.responseTopic !== undefined) props.responseTopic = row.responseTopic;
  if (row.correlationData !== undefined) props.correlationData = row.correlationData;
  if (row.userProperties !== undefined) props.userProperties = row.userProperties;
  if (row.contentType !== undefined) props.contentType = row.contentType;
  return Object.keys(props).length > 0 ? props : undefined;
}

/** The history message for an outbox entry handed to mqtt.js now. */
export function publishedMessage(row: OutboxRecord, id: number, time: number): StoredMessage {
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
  const properties = publishedProperties(row);
  if (properties) message.properties = properties;
  return message;
}

export function createPublishedRecorder(deps: PublishedRecorderDeps) {
  const now = deps.now ?? Date.now;
  const recorded = new Set<number>();
  return (row: OutboxRecord): void => {
    if (recorded.has(row.seq)) return;
    recorded.add(row.seq);
    // A Set iterates in insertion order: the first value is the oldest seq.
    if (recorded.size > REMEMBERED_SEQS) recorded.delete(recorded.values().next().value!);
    const pending = deps.append(publishedMessage(row, deps.nextId(), now()));
    // A failed write shows in the writer's history events; nothing else waits on it.
    pending?.catch(() => undefined);
  };
}
