// Checks one publish before it is queued or sent, so that nothing reaches the wire that the broker
// would reject: the topic, the QoS, the size against the broker's limit, MQTT 5-only options.
import { validatePublishTopic } from './mqtt-topics';
import type { DeckError, MqttVersion, PublishOptions } from './protocol';

/** What is known of the connection the message is for; limits come from its CONNACK. */
export interface PublishLimits {
  version: MqttVersion;
  /** The broker's Maximum Packet Size (MQTT 5 CONNACK), when it gave one. */
  maximumPacketSize?: number | undefined;
}

// Fixed header (up to 5 bytes), topic length (2) and packet id (2), plus room for properties.
const PUBLISH_OVERHEAD_BYTES = 64;

const utf8 = new TextEncoder();

/** Returns why this publish cannot be sent, or undefined when it can. */
export function publishError(
  topic: string,
  payload: Uint8Array,
  options: PublishOptions,
  limits: PublishLimits,
): DeckError | undefined {
  const invalid = validatePublishTopic(topic);
  if (invalid) return { code: 'invalid-topic', message: invalid };
  if (options.qos !== 0 && options.qos !== 1 && options.qos !== 2) {
    return {
      code: 'invalid-option',
      message: `QoS must be 0, 1 or 2 (got ${String(options.qos)}).`,
    };
  }
  if (options.userProperties !== undefined && limits.version !== 5) {
    const message = 'User properties need MQTT 5; this connection uses 3.1.1.';
    return { code: 'invalid-option', message };
  }
  const size = payload.byteLength + utf8.encode(topic).byteLength;
  const limit = limits.maximumPacketSize;
  if (limit !== undefined && size + PUBLISH_OVERHEAD_BYTES > limit) {
    const message = `The message is ${size.toLocaleString('en')} bytes; the broker accepts packets up to ${limit.toLocaleString('en')} bytes.`;
    return { code: 'packet-too-large', message };
  }
  return undefined;
}
