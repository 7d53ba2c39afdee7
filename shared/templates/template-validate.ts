// One saved payload checked field by field: shared by the templates store (on save and on read)
// and by the file import, so a template that passes one passes the other.
import { mqttStringError, validatePublishTopic } from '../mqtt/topics';
import type { PayloadTemplate, PublishOptions, UserProperties } from '../protocol/index';
import { payloadTextError, qosError } from '../mqtt/publish-validation';

/** Most saved payloads per profile: a list a person scrolls, not a database. */
export const MAX_TEMPLATES_PER_PROFILE = 500;
/** A saved payload is a message a person types or pastes, not a firmware image. */
export const MAX_TEMPLATE_PAYLOAD_BYTES = 256 * 1024;
export const MAX_TEMPLATE_NAME_CHARS = 200;
/** MQTT's limit for a four-byte integer property (message expiry). */
const MAX_U32 = 4_294_967_295;
const MAX_TOPIC_ALIAS = 65_535;
const MAX_CORRELATION_BYTES = 65_535;
const utf8 = new TextEncoder();

type Check<T> = { ok: true; value: T } | { ok: false; error: string };
/** A phrase without its closing full stop: the caller puts it inside a sentence of its own. */
const bad = (error: string): { ok: false; error: string } => ({
  ok: false,
  error: error.replace(/\.$/, ''),
});

function userPropertiesOf(raw: unknown): Check<UserProperties> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return bad('its user properties must be name/value pairs');
  }
  const out: UserProperties = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    if (!values.every((v): v is string => typeof v === 'string')) {
      return bad(`its user property "${name.slice(0, 40)}" must have text values`);
    }
    const problem = [name, ...values]
      .map((s) => mqttStringError(s, 'a user property'))
      .find(Boolean);
    if (problem) return bad(`its user property "${name.slice(0, 40)}": ${problem}`);
    out[name] = Array.isArray(value) ? [...values] : (values[0] ?? '');
  }
  return { ok: true, value: out };
}

function optionalText(
  o: Record<string, unknown>,
  key: string,
  what: string,
): Check<string | undefined> {
  const v = o[key];
  if (v === undefined) return { ok: true, value: undefined };
  if (typeof v !== 'string') return bad(`its ${what} must be text`);
  const problem =
    key === 'responseTopic' ? validatePublishTopic(v) : mqttStringError(v, `The ${what}`);
  return problem ? bad(`its ${what}: ${problem}`) : { ok: true, value: v };
}

function optionalInt(
  o: Record<string, unknown>,
  key: string,
  what: string,
  min: number,
  max: number,
): Check<number | undefined> {
  const v = o[key];
  if (v === undefined) return { ok: true, value: undefined };
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    return bad(`its ${what} must be a whole number from ${min} to ${max.toLocaleString('en')}`);
  }
  return { ok: true, value: v };
}

/** The publish options, copied clean: only the known fields survive. */
export function templateOptionsOf(raw: unknown): Check<PublishOptions> {
  if (typeof raw !== 'object' || raw === null) return bad('its options must be an object');
  const o = raw as Record<string, unknown>;
  const qos = qosError(o.qos);
  if (qos) return bad(qos);
  if (typeof o.retain !== 'boolean') return bad('its retain flag must be true or false');
  const options: PublishOptions = { qos: o.qos as PublishOptions['qos'], retain: o.retain };
  const contentType = optionalText(o, 'contentType', 'content type');
  const responseTopic = optionalText(o, 'responseTopic', 'response topic');
  const expiry = optionalInt(o, 'messageExpiryIntervalS', 'message expiry', 0, MAX_U32);
  const alias = optionalInt(o, 'topicAlias', 'topic alias', 1, MAX_TOPIC_ALIAS);
  for (const c of [contentType, responseTopic, expiry, alias]) if (!c.ok) return c;
  if (contentType.ok && contentType.value !== undefined) options.contentType = contentType.value;
  if (responseTopic.ok && responseTopic.value !== undefined)
    options.responseTopic = responseTopic.value;
  if (expiry.ok && expiry.value !== undefined) options.messageExpiryIntervalS = expiry.value;
  if (alias.ok && alias.value !== undefined) options.topicAlias = alias.value;
  if (o.payloadFormatIndicator !== undefined) {
    if (typeof o.payloadFormatIndicator !== 'boolean') {
      return bad('its payload format indicator must be true or false');
    }
    options.payloadFormatIndicator = o.payloadFormatIndicator;
  }
  if (o.correlationData !== undefined) {
    if (!(o.correlationData instanceof Uint8Array))
      return bad('its correlation data must be bytes');
    if (o.correlationData.length > MAX_CORRELATION_BYTES) {
      return bad('its correlation data is longer than the 65,535 bytes MQTT allows');
    }
    options.correlationData = o.correlationData.slice();
  }
  if (o.userProperties !== undefined) {
    const props = userPropertiesOf(o.userProperties);
    if (!props.ok) return props;
    options.userProperties = props.value;
  }
  return { ok: true, value: options };
}

/** Why `raw` is not a saved payload (a phrase: "its topic …"), or the template copied clean. */
export function templateOf(raw: unknown): Check<PayloadTemplate> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return bad('it is not an object');
  const t = raw as Record<string, unknown>;
  if (typeof t.key !== 'string' || t.key === '') return bad('it has no key');
  if (typeof t.name !== 'string' || t.name.trim() === '') return bad('it has no name');
  if (t.name.length > MAX_TEMPLATE_NAME_CHARS) {
    return bad(`its name is longer than ${MAX_TEMPLATE_NAME_CHARS} characters`);
  }
  if (typeof t.topic !== 'string') return bad('it has no topic');
  const topic = validatePublishTopic(t.topic);
  if (topic) return bad(`its topic "${t.topic.slice(0, 80)}" is not valid: ${topic}`);
  if (typeof t.payload !== 'string') return bad('its payload must be text');
  // Three bytes a UTF-16 unit at most: measure only when the length alone cannot decide.
  if (t.payload.length * 3 > MAX_TEMPLATE_PAYLOAD_BYTES) {
    const bytes = utf8.encode(t.payload).length;
    if (bytes > MAX_TEMPLATE_PAYLOAD_BYTES) {
      return bad(`its payload is ${bytes.toLocaleString('en')} bytes; at most 256 KiB is kept`);
    }
  }
  const text = payloadTextError(t.payload);
  if (text) return bad(text);
  const options = templateOptionsOf(t.options);
  if (!options.ok) return options;
  return {
    ok: true,
    value: { key: t.key, name: t.name, topic: t.topic, payload: t.payload, options: options.value },
  };
}
