// The MQTT 5 properties of one publish checked field by field (each named in its refusal), and
// the bytes they add to the PUBLISH packet, so the size check can be exact.
import { mqttStringError, validatePublishTopic } from './topics';
import type { DeckError, MqttVersion, PublishOptions } from '../protocol/index';

/** Binary Data holds at most 65,535 bytes (§1.5.6). */
export const CORRELATION_DATA_MAX_BYTES = 65_535;
/** User properties on one publish: enough for any real use, bounded for what they cost. */
export const USER_PROPERTIES_MAX = 100;
/** Four Byte Integer (§1.5.3). */
export const MESSAGE_EXPIRY_MAX_S = 4_294_967_295;
/** What the worker knows of the broker's Topic Alias Maximum: undefined before its CONNACK. */
export type TopicAliasLimit = number | undefined;

const utf8 = new TextEncoder();
const invalid = (message: string): DeckError => ({ code: 'invalid-option', message });
const strBytes = (s: string) => 2 + utf8.encode(s).length;
const count = (n: number) => n.toLocaleString('en');

/** Checks the user properties; returns the error, or the bytes they add to the packet. */
export function userPropertiesSize(props: unknown): DeckError | number {
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    return invalid('User properties must be name/value pairs.');
  }
  let size = 0;
  let pairs = 0;
  for (const [name, raw] of Object.entries(props as Record<string, unknown>)) {
    const nameError = mqttStringError(name, `The user property name "${name.slice(0, 40)}"`);
    if (nameError) return invalid(nameError);
    const values = Array.isArray(raw) ? (raw as unknown[]) : [raw];
    for (const value of values) {
      if (++pairs > USER_PROPERTIES_MAX) {
        return invalid(`A message takes at most ${USER_PROPERTIES_MAX} user properties.`);
      }
      if (typeof value !== 'string') {
        return invalid(`The user property "${name.slice(0, 40)}" must have text values.`);
      }
      const valueError = mqttStringError(
        value,
        `The value of user property "${name.slice(0, 40)}"`,
      );
      if (valueError) return invalid(valueError);
      size += 1 + strBytes(name) + strBytes(value);
    }
  }
  return size;
}

const FIELD_NAMES = {
  userProperties: 'User properties',
  contentType: 'Content type',
  payloadFormatIndicator: 'Payload format indicator',
  messageExpiryIntervalS: 'Message expiry',
  responseTopic: 'Response topic',
  correlationData: 'Correlation data',
  topicAlias: 'Topic alias',
} as const;

type PropertyField = keyof typeof FIELD_NAMES;

/** Checks one MQTT 5 field; returns the error, or the bytes it adds to the properties. */
function fieldSize(
  field: PropertyField,
  value: unknown,
  aliasMax: TopicAliasLimit,
): DeckError | number {
  const name = FIELD_NAMES[field];
  switch (field) {
    case 'userProperties':
      return userPropertiesSize(value);
    case 'contentType': {
      if (typeof value !== 'string') return invalid(`${name} must be text.`);
      const error = mqttStringError(value, name);
      return error ? invalid(error) : 1 + strBytes(value);
    }
    case 'payloadFormatIndicator':
      return typeof value === 'boolean' ? 2 : invalid(`${name} must be on or off.`);
    case 'messageExpiryIntervalS':
      if (
        !Number.isInteger(value) ||
        (value as number) < 0 ||
        (value as number) > MESSAGE_EXPIRY_MAX_S
      ) {
        return invalid(
          `${name} must be a whole number of seconds from 0 to ${count(MESSAGE_EXPIRY_MAX_S)}.`,
        );
      }
      return 5;
    case 'responseTopic': {
      if (typeof value !== 'string') return invalid(`${name} must be text.`);
      const error = validatePublishTopic(value);
      return error ? invalid(`${name}: ${error}`) : 1 + strBytes(value);
    }
    case 'correlationData':
      if (!(value instanceof Uint8Array)) return invalid(`${name} must be bytes.`);
      if (value.byteLength > CORRELATION_DATA_MAX_BYTES) {
        return invalid(
          `${name} is ${count(value.byteLength)} bytes; MQTT allows at most ${count(CORRELATION_DATA_MAX_BYTES)}.`,
        );
      }
      return 1 + 2 + value.byteLength;
    case 'topicAlias':
      return topicAliasError(value, aliasMax) ?? 3;
  }
}

/** Why `alias` cannot be used with a broker whose Topic Alias Maximum is `max`, or undefined. */
export function topicAliasError(alias: unknown, max: TopicAliasLimit): DeckError | undefined {
  if (max === 0) return invalid('Topic alias: this broker accepts no topic aliases.');
  const top = max ?? 65_535;
  if (!Number.isInteger(alias) || (alias as number) < 1 || (alias as number) > top) {
    const limit = max === undefined ? '' : ' (the broker’s Topic Alias Maximum)';
    return invalid(`Topic alias must be a whole number from 1 to ${count(top)}${limit}.`);
  }
  return undefined;
}

/**
 * Checks every MQTT 5 field set in `options`; on 3.1.1 any of them is refused by name. Returns
 * the error, or the bytes of the properties (without their length prefix).
 */
export function propertiesSize(
  options: PublishOptions,
  version: MqttVersion,
  aliasMax: TopicAliasLimit,
): DeckError | number {
  let size = 0;
  for (const field of Object.keys(FIELD_NAMES) as PropertyField[]) {
    const value = options[field];
    if (value === undefined) continue;
    if (version !== 5) {
      const verb = field === 'userProperties' ? 'need' : 'needs';
      return invalid(`${FIELD_NAMES[field]} ${verb} MQTT 5; this connection uses 3.1.1.`);
    }
    const bytes = fieldSize(field, value, aliasMax);
    if (typeof bytes !== 'number') return bytes;
    size += bytes;
  }
  return size;
}
