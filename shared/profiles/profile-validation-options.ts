// Checks the issue-7 parts of a connection profile: the last will, MQTT 5 connect properties,
// user properties, fallback URLs and the reconnect policy. Each problem is a sentence naming
// the field; a profile may come from an imported file, so sizes and counts are bounded too.
import { mqttStringError, validatePublishTopic } from '../mqtt/topics';
import { MAX_INCOMING_PACKET_BYTES } from '../mqtt/packet-limits';
import type { ConnectionProfile, UserProperties } from '../protocol/index';

const MAX_FOUR_BYTE = 4_294_967_295;
const MAX_TWO_BYTE = 65_535;
/** More pairs than any real use, few enough that a hostile import cannot bloat the CONNECT. */
export const MAX_USER_PROPERTIES = 100;
export const MAX_FALLBACK_URLS = 16;
/** Binary data (will payload, correlation data) has a two-byte length in MQTT. */
const MAX_BINARY_BYTES = 65_535;
export const MIN_RECONNECT_DELAY_MS = 100;
export const MAX_RECONNECT_DELAY_MS = 3_600_000;
export const MAX_RECONNECT_ATTEMPTS = 10_000;

const utf8 = new TextEncoder();
const en = (n: number) => n.toLocaleString('en');

/** Why `value` is not a whole number in [min, max], or null; `what` starts the sentence. */
export function rangeError(value: unknown, min: number, max: number, what: string): string | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
    return null;
  }
  return `${what} must be a whole number from ${en(min)} to ${en(max)}.`;
}

function flagError(value: unknown, what: string): string | null {
  return value === undefined || typeof value === 'boolean' ? null : `${what} must be on or off.`;
}

/** Text sent as MQTT binary data: well-formed, at most 65,535 bytes. */
function binaryTextError(value: unknown, what: string): string | null {
  if (typeof value !== 'string') return `${what} must be text.`;
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
    return `${what} contains a lone surrogate, which cannot be encoded as UTF-8.`;
  }
  if (value.length * 3 > MAX_BINARY_BYTES) {
    const size = utf8.encode(value).length;
    if (size > MAX_BINARY_BYTES) {
      return `${what} is ${en(size)} bytes long; MQTT allows at most 65,535.`;
    }
  }
  return null;
}

export function userPropertiesError(props: unknown, what: string): string | null {
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    return `${what} must be a list of name and value pairs.`;
  }
  let pairs = 0;
  for (const [name, value] of Object.entries(props as UserProperties)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    pairs += values.length;
    if (pairs > MAX_USER_PROPERTIES) {
      return `${what} has more than ${MAX_USER_PROPERTIES} pairs; remove some.`;
    }
    const nameError = mqttStringError(name, `${what}: the name "${name.slice(0, 40)}"`);
    if (nameError) return nameError;
    for (const v of values) {
      if (typeof v !== 'string')
        return `${what}: the value of "${name.slice(0, 40)}" must be text.`;
      const valueError = mqttStringError(v, `${what}: the value of "${name.slice(0, 40)}"`);
      if (valueError) return valueError;
    }
  }
  return null;
}

/** The will: a topic name, QoS 0–2, a payload of at most 65,535 bytes; 5.0 properties. */
export function willError(profile: ConnectionProfile): string | null {
  const will = profile.will;
  if (will === undefined) return null;
  if (typeof will.topic !== 'string' || will.topic === '') return 'Enter the last will topic.';
  const topicError = validatePublishTopic(will.topic);
  if (topicError) return `Last will topic: ${topicError}`;
  if (will.qos !== 0 && will.qos !== 1 && will.qos !== 2) return 'Last will QoS must be 0, 1 or 2.';
  const problem =
    flagError(will.retain, 'Last will retain') ??
    binaryTextError(will.payload, 'The last will payload');
  if (problem) return problem;
  const v5Fields = [
    ['delayIntervalS', 'will delay'],
    ['messageExpiryIntervalS', 'will message expiry'],
    ['contentType', 'will content type'],
    ['payloadFormatIndicator', 'will payload format indicator'],
    ['responseTopic', 'will response topic'],
    ['correlationData', 'will correlation data'],
    ['userProperties', 'will user properties'],
  ] as const;
  if (profile.protocolVersion !== 5) {
    const set = v5Fields.find(([key]) => will[key] !== undefined);
    return set ? `The ${set[1]} is an MQTT 5 property; choose MQTT 5.0 or clear it.` : null;
  }
  if (will.delayIntervalS !== undefined) {
    const error = rangeError(will.delayIntervalS, 0, MAX_FOUR_BYTE, 'Will delay (s)');
    if (error) return error;
  }
  if (will.messageExpiryIntervalS !== undefined) {
    const error = rangeError(will.messageExpiryIntervalS, 0, MAX_FOUR_BYTE, 'Will expiry (s)');
    if (error) return error;
  }
  if (will.contentType !== undefined) {
    const error = mqttStringError(String(will.contentType), 'The will content type');
    if (error) return error;
  }
  if (will.responseTopic !== undefined) {
    const error = validatePublishTopic(String(will.responseTopic));
    if (error) return `Will response topic: ${error}`;
  }
  return (
    flagError(will.payloadFormatIndicator, 'Will payload format indicator') ??
    (will.correlationData === undefined
      ? null
      : binaryTextError(will.correlationData, 'The will correlation data')) ??
    (will.userProperties === undefined
      ? null
      : userPropertiesError(will.userProperties, 'Will user properties'))
  );
}

/** MQTT 5 CONNECT properties within the spec's ranges and the app's own incoming limit. */
export function connectPropertiesError(profile: ConnectionProfile): string | null {
  const props = profile.connectProperties;
  if (props === undefined) return null;
  if (profile.protocolVersion !== 5) {
    const set = Object.entries(props).find(([, value]) => value !== undefined);
    return set
      ? `Connect property ${set[0]} is an MQTT 5 property; choose MQTT 5.0 or clear it.`
      : null;
  }
  const { receiveMaximum, maximumPacketSize, topicAliasMaximum } = props;
  if (receiveMaximum !== undefined) {
    const error = rangeError(receiveMaximum, 1, MAX_TWO_BYTE, 'Receive maximum');
    if (error) return error;
  }
  if (maximumPacketSize !== undefined) {
    const error = rangeError(
      maximumPacketSize,
      1,
      MAX_INCOMING_PACKET_BYTES,
      'Maximum packet size',
    );
    if (error) return `${error} This app never accepts packets over 16 MiB.`;
  }
  if (topicAliasMaximum !== undefined) {
    const error = rangeError(topicAliasMaximum, 0, MAX_TWO_BYTE, 'Topic alias maximum');
    if (error) return error;
  }
  return (
    flagError(props.requestResponseInformation, 'Request response information') ??
    flagError(props.requestProblemInformation, 'Request problem information') ??
    (props.userProperties === undefined
      ? null
      : userPropertiesError(props.userProperties, 'Connect user properties'))
  );
}
