// MQTT 5 properties of an imported line, checked one by one against the shapes and ranges MQTT
// allows. Strings need only be well-formed: whatever the app stored once must import again.
import { fromBase64, wellFormed } from './ndjson-format';
import type { MessageProperties } from '../../../shared/protocol';

const MAX_U32 = 0xffff_ffff;
const MAX_TOPIC_ALIAS = 0xffff;
const MAX_SUBSCRIPTION_ID = 268_435_455;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const whole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

function text(value: unknown, what: string): string | { problem: string } {
  if (typeof value !== 'string') return { problem: `${what} must be a string` };
  return wellFormed(value) ? value : { problem: `${what} holds a lone surrogate (not UTF-8)` };
}

function userProperties(value: unknown): MessageProperties['userProperties'] | string {
  const shape = 'properties.userProperties must map names to strings or lists of strings';
  if (!isObject(value)) return shape;
  // No prototype: a name like `__proto__` is a property other devices may send, and on a plain
  // object assigning it would swap the prototype and drop the value.
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const [name, entry] of Object.entries(value)) {
    const list = Array.isArray(entry) ? (entry as unknown[]) : [entry];
    for (const item of [name, ...list]) {
      if (typeof item !== 'string') return shape;
      if (!wellFormed(item)) return 'properties.userProperties holds a lone surrogate (not UTF-8)';
    }
    out[name] = Array.isArray(entry) ? (entry as string[]) : (entry as string);
  }
  return out;
}

/** The properties of a line, or a sentence saying which one is wrong. */
export function readProperties(value: unknown): MessageProperties | string {
  if (!isObject(value)) return 'properties must be an object';
  const out: MessageProperties = {};
  const p = value;
  if (p.payloadFormatIndicator !== undefined) {
    if (typeof p.payloadFormatIndicator !== 'boolean') {
      return 'properties.payloadFormatIndicator must be true or false';
    }
    out.payloadFormatIndicator = p.payloadFormatIndicator;
  }
  if (p.messageExpiryInterval !== undefined) {
    if (!whole(p.messageExpiryInterval, 0, MAX_U32)) {
      return 'properties.messageExpiryInterval must be a whole number of seconds from 0 to 4294967295';
    }
    out.messageExpiryInterval = p.messageExpiryInterval;
  }
  if (p.topicAlias !== undefined) {
    if (!whole(p.topicAlias, 1, MAX_TOPIC_ALIAS)) {
      return 'properties.topicAlias must be a whole number from 1 to 65535';
    }
    out.topicAlias = p.topicAlias;
  }
  for (const key of ['responseTopic', 'contentType'] as const) {
    if (p[key] === undefined) continue;
    const checked = text(p[key], `properties.${key}`);
    if (typeof checked !== 'string') return checked.problem;
    out[key] = checked;
  }
  if (p.correlationData !== undefined) {
    const bytes = typeof p.correlationData === 'string' ? fromBase64(p.correlationData) : undefined;
    if (!bytes) return 'properties.correlationData must be base64';
    out.correlationData = bytes;
  }
  if (p.userProperties !== undefined) {
    const users = userProperties(p.userProperties);
    if (typeof users === 'string') return users;
    out.userProperties = users;
  }
  const ids = p.subscriptionIdentifier;
  if (ids !== undefined) {
    const list: unknown[] = Array.isArray(ids) ? ids : [ids];
    if (!list.every((id) => whole(id, 1, MAX_SUBSCRIPTION_ID))) {
      return 'properties.subscriptionIdentifier must be a whole number from 1 to 268435455, or a list of them';
    }
    out.subscriptionIdentifier = ids as number | number[];
  }
  return out;
}
