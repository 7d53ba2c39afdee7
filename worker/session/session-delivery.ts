// The delivery side of one session attempt: the durable QoS stores mqtt.js is given (persistent
// sessions only) and the route of each received message to the sink, with its incoming record.
import type { IPublishPacket, IStore } from 'mqtt';
import { toStoredMessage } from './incoming-message';
import type { IncomingContext } from './incoming-message';
import type { MqttLibrary } from './mqtt-client';
import type { ConnectionProfile, StoredMessage } from '../../shared/protocol';
import type { QosRecordKey } from '../db/schema';
import type { OpenQosState, QosState } from '../qos/qos-state';

/**
 * The durable stores of a persistent session, scoped to the profile's own URL and client ID
 * (also while a fallback URL is in use); undefined for clean start (mqtt.js's memory stores).
 */
export function openSessionQos(
  library: MqttLibrary,
  profile: ConnectionProfile,
  open: OpenQosState | undefined,
  onFailure: (detail: string) => void,
): Promise<QosState | undefined> {
  const Store = library.Store;
  if (profile.cleanStart || !open || !Store) return Promise.resolve(undefined);
  const memoryStore = (): IStore => new Store();
  return open(profile, memoryStore, (error) =>
    onFailure(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
  );
}

/**
 * Takes each received message. Returning a promise holds back the message's acknowledgement
 * (PUBACK/PUBREC completion) until it settles; a rejection ends the connection unacknowledged.
 * `release` (a QoS 2 message of a persistent session) is its record in the incoming store.
 */
export type MessageSink = (message: StoredMessage, release?: QosRecordKey) => void | Promise<void>;

export type MessageRoute = (
  topic: string,
  payload: Uint8Array,
  packet: IPublishPacket,
  qos: QosState | undefined,
) => void | Promise<void>;

/** Turns each received PUBLISH into a StoredMessage with the next history id for the sink. */
export function messageRoute(deps: {
  sink: MessageSink;
  nextId(): number;
  now(): number;
  connectionId(): string;
}): MessageRoute {
  // One context object reused for every message (toStoredMessage only reads it).
  const incoming: IncomingContext = { id: 0, connectionId: '', time: 0 };
  return (topic, payload, packet, qos) => {
    incoming.id = deps.nextId();
    incoming.connectionId = deps.connectionId();
    incoming.time = deps.now();
    const message = toStoredMessage(topic, payload, packet, incoming);
    if (packet.qos !== 2 || !qos) return deps.sink(message);
    return deps.sink(message, qos.incoming.keyOf(packet.messageId ?? 0));
  };
}
