// Turns what mqtt.js hands over for a received PUBLISH into our plain, cloneable records.
// mqtt.js payloads are (polyfilled) Buffers that may be views into a larger buffer: always copy.
import type { IPublishPacket } from 'mqtt';
import type { MessageProperties, Qos, StoredMessage } from '../../shared/protocol';

type PublishProperties = NonNullable<IPublishPacket['properties']>;

/** A fresh Uint8Array holding exactly the bytes of `bytes` (never a view, never a Buffer). */
export function copyBytes(bytes: Uint8Array | string): Uint8Array {
  if (typeof bytes === 'string') return new TextEncoder().encode(bytes);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

function toText(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** MQTT 5 properties reduced to cloneable values; undefined when the packet had none we keep. */
export function toMessageProperties(
  props: PublishProperties | undefined,
): MessageProperties | undefined {
  if (!props) return undefined;
  const out: MessageProperties = {};
  if (props.payloadFormatIndicator !== undefined) {
    out.payloadFormatIndicator = Boolean(props.payloadFormatIndicator);
  }
  if (props.messageExpiryInterval !== undefined) {
    out.messageExpiryInterval = props.messageExpiryInterval;
  }
  if (props.topicAlias !== undefined) out.topicAlias = props.topicAlias;
  if (props.responseTopic !== undefined) out.responseTopic = toText(props.responseTopic);
  if (props.correlationData !== undefined) out.correlationData = copyBytes(props.correlationData);
  if (props.contentType !== undefined) out.contentType = toText(props.contentType);
  if (props.subscriptionIdentifier !== undefined) {
    const ids = props.subscriptionIdentifier;
    out.subscriptionIdentifier = Array.isArray(ids) ? ids.map(Number) : Number(ids);
  }
  if (props.userProperties) {
    // fromEntries defines own properties, so a key such as "__proto__" stays plain data.
    out.userProperties = Object.fromEntries(
      Object.entries(props.userProperties).map(([key, value]) => [
        key,
        Array.isArray(value) ? value.map(toText) : toText(value),
      ]),
    );
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What the session adds to a packet; read, never kept, so one object can serve every message. */
export interface IncomingContext {
  id: number;
  connectionId: string;
  time: number;
}

export function toStoredMessage(
  topic: string,
  payload: Uint8Array | string,
  packet: Pick<IPublishPacket, 'qos' | 'retain' | 'properties'>,
  context: IncomingContext,
): StoredMessage {
  const bytes = copyBytes(payload);
  const message: StoredMessage = {
    id: context.id,
    connectionId: context.connectionId,
    topic,
    qos: packet.qos as Qos,
    retain: packet.retain,
    time: context.time,
    size: bytes.byteLength,
    payload: bytes,
  };
  const properties = toMessageProperties(packet.properties);
  if (properties) message.properties = properties;
  return message;
}
