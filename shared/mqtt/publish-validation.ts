// Checks one publish before it is queued or sent, so that nothing reaches the wire that the broker
// would reject: the topic, the QoS, MQTT 5-only options, user properties, and the packet's size
// (computed exactly, properties included) against the broker's limit and MQTT's own.
import { validatePublishTopic } from './topics';
import type { DeckError, MqttVersion, PublishOptions } from '../protocol/index';
import { propertiesSize } from './publish-properties';
import type { TopicAliasLimit } from './publish-properties';

/** What is known of the connection the message is for; limits come from its CONNACK. */
export interface PublishLimits {
  version: MqttVersion;
  /** The broker's Maximum Packet Size (MQTT 5 CONNACK), when it gave one. */
  maximumPacketSize?: number | undefined;
  /** The broker's Maximum QoS (MQTT 5 CONNACK), when it gave one: a higher QoS is refused. */
  maximumQos?: number | undefined;
  /** False when the broker's CONNACK said Retain Available = 0. */
  retainAvailable?: boolean | undefined;
  /** The broker's Topic Alias Maximum: 0 when its CONNACK sent none, undefined before it. */
  topicAliasMaximum?: TopicAliasLimit;
}

/** MQTT's Remaining Length is a variable byte integer of at most 4 bytes (§2.2.3). */
export const MAX_REMAINING_LENGTH = 268_435_455;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(payload: Uint8Array): boolean {
  try {
    strictUtf8.decode(payload);
    return true;
  } catch {
    return false;
  }
}

const invalidOption = (message: string): DeckError => ({ code: 'invalid-option', message });
const bytes = (n: number) => n.toLocaleString('en');

/** Bytes a variable byte integer takes for `n`. */
export function varIntBytes(n: number): number {
  return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4;
}

/** Why a QoS value is not 0, 1 or 2 (the UI and the API may hand over anything), or null. */
export function qosError(qos: unknown): string | null {
  if (qos === 0 || qos === 1 || qos === 2) return null;
  const shown = typeof qos === 'number' || typeof qos === 'string' ? String(qos) : typeof qos;
  return `QoS must be 0, 1 or 2 (got ${shown}).`;
}

/** Why a text payload cannot be sent as typed (a lone surrogate would become U+FFFD), or null. */
export function payloadTextError(payload: string): string | null {
  if (!/[\uD800-\uDFFF]/.test(payload)) return null;
  // Surrogate pairs are fine; only a lone one changes on encoding.
  if (!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(payload)) {
    return null;
  }
  return 'The payload contains a lone surrogate, which cannot be encoded as UTF-8; it would be sent as U+FFFD.';
}

/** The whole PUBLISH packet's size in bytes, or the error that stops it being built. */
function packetSize(
  topicBytes: number,
  payloadBytes: number,
  options: PublishOptions,
  limits: PublishLimits,
): DeckError | number {
  const { version } = limits;
  const properties = propertiesSize(options, version, limits.topicAliasMaximum);
  if (typeof properties !== 'number') return properties;
  const propertiesField = version === 5 ? varIntBytes(properties) + properties : 0;
  const remaining = 2 + topicBytes + (options.qos > 0 ? 2 : 0) + propertiesField + payloadBytes;
  if (remaining > MAX_REMAINING_LENGTH) {
    const message = `The message needs ${bytes(remaining)} bytes; an MQTT packet holds at most ${bytes(MAX_REMAINING_LENGTH)}.`;
    return { code: 'packet-too-large', message };
  }
  return 1 + varIntBytes(remaining) + remaining;
}

/** Returns why this publish cannot be sent, or undefined when it can. */
export function publishError(
  topic: string,
  payload: Uint8Array,
  options: PublishOptions,
  limits: PublishLimits,
): DeckError | undefined {
  const invalid = validatePublishTopic(topic);
  if (invalid) return { code: 'invalid-topic', message: invalid };
  const badQos = qosError(options.qos);
  if (badQos) return invalidOption(badQos);
  if (typeof options.retain !== 'boolean') return invalidOption('Retain must be on or off.');
  if (limits.maximumQos !== undefined && options.qos > limits.maximumQos) {
    return invalidOption(
      `The broker accepts QoS up to ${limits.maximumQos}; this message asks for QoS ${options.qos}.`,
    );
  }
  if (options.retain && limits.retainAvailable === false) {
    return invalidOption('The broker does not support retained messages; turn Retain off.');
  }
  const size = packetSize(utf8.encode(topic).length, payload.byteLength, options, limits);
  if (typeof size !== 'number') return size;
  if (options.payloadFormatIndicator === true && !isUtf8(payload)) {
    return {
      code: 'invalid-payload',
      message:
        'Payload format indicator: the payload is not valid UTF-8 text; turn the indicator off.',
    };
  }
  const limit = limits.maximumPacketSize;
  if (limit !== undefined && size > limit) {
    const message = `The message is ${bytes(size)} bytes as a PUBLISH packet; the broker accepts packets up to ${bytes(limit)} bytes (its Maximum Packet Size).`;
    return { code: 'packet-too-large', message };
  }
  return undefined;
}
