// Scenario 9's table of bad inputs (issue 4): each row is something a person or a caller of the
// worker API might hand over, with the error it must get. Shared by the unit test (the validators)
// and the browser test (the worker API against a broker that records every packet).
import type { ConnectionProfile, ErrorCode, MqttVersion } from '../../worker/protocol';
import { FILTERS, HIGH, LOW, PROFILES, URLS, hex, placed, range } from './bad-input-rows';

/** The Maximum Packet Size the test broker announces in its MQTT 5 CONNACK. */
export const BROKER_MAX_PACKET_SIZE = 1_024;

export interface Expected {
  code: ErrorCode;
  /** The message must name the offending thing, not just say "invalid". */
  message: RegExp;
}

interface Row {
  name: string;
  expected: Expected;
}
export interface PublishRow extends Row {
  kind: 'publish';
  version: MqttVersion;
  topic: string;
  payload: string;
  options: { qos: unknown; retain: unknown; userProperties?: unknown };
}
export interface SubscribeRow extends Row {
  kind: 'subscribe';
  filter: string;
  /** The requested QoS, 1 unless given. */
  qos?: unknown;
}
export interface ProfileRow extends Row {
  kind: 'profile';
  /** Fields laid over a valid profile; `unknown` because callers may hand over anything. */
  profile: { [K in keyof ConnectionProfile]?: unknown };
}
export type BadInput = PublishRow | SubscribeRow | ProfileRow;

function publish(name: string, topic: string, expected: Expected, extra: Partial<PublishRow> = {}) {
  return {
    kind: 'publish',
    name,
    version: 5,
    topic,
    payload: 'bad input',
    options: { qos: 1, retain: false },
    expected,
    ...extra,
  } satisfies PublishRow;
}
const topicError = (message: RegExp): Expected => ({ code: 'invalid-topic', message });
const optionError = (message: RegExp): Expected => ({ code: 'invalid-option', message });
const tooLarge = (message: RegExp): Expected => ({ code: 'packet-too-large', message });

const TOPICS: PublishRow[] = [
  ...placed('\u0000').map(([at, t]) => publish(`topic U+0000 at ${at}`, t, topicError(/NUL/))),
  ...placed(HIGH).map(([at, t]) =>
    publish(`topic lone high surrogate at ${at}`, t, topicError(/lone high surrogate \(U\+D83D\)/)),
  ),
  ...placed(LOW).map(([at, t]) =>
    publish(`topic lone low surrogate at ${at}`, t, topicError(/lone low surrogate \(U\+DE00\)/)),
  ),
  publish('topic surrogates reversed', `a${LOW}${HIGH}`, topicError(/lone low surrogate/)),
  publish('topic high surrogate then a letter', `a${HIGH}b`, topicError(/lone high surrogate/)),
  ...[...range(0x01, 0x1f), ...range(0x7f, 0x9f)].map((n) =>
    publish(
      `topic control ${hex(n).slice(1)}`,
      `deck/${String.fromCharCode(n)}/x`,
      topicError(new RegExp(`control character ${hex(n)} at character 6`)),
    ),
  ),
  ...[0xfdd0, 0xfde0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x1ffff, 0x10fffe, 0x10ffff].map((n) =>
    publish(
      `topic non-character ${hex(n).slice(1)}`,
      `deck/${String.fromCodePoint(n)}`,
      topicError(new RegExp(`non-character ${hex(n)}`)),
    ),
  ),
  ...['+', '#', '+/a', 'a/+', 'a/+/b', 'a+', '+a', 'a/b+', '#/a', 'a/#', 'a#', '#a', 'a/#/b']
    .concat(['a/b#c', '+#', 'a/+#', '$SYS/+', '/#'])
    .map((t) =>
      publish(`publish topic with wildcard "${t}"`, t, topicError(/wildcards .*found "[+#]"/)),
    ),
  publish('empty topic', '', topicError(/topic is empty/)),
  publish('topic of 65,536 ASCII bytes', 'a'.repeat(65_536), topicError(/65,536 bytes.*65,535/)),
  publish('topic of 32,768 × é', 'é'.repeat(32_768), topicError(/65,536 bytes/)),
  publish('topic of 21,846 × €', '€'.repeat(21_846), topicError(/65,538 bytes/)),
  publish('topic of 16,384 emoji', '😀'.repeat(16_384), topicError(/65,536 bytes/)),
];

const OPTIONS: PublishRow[] = [
  ...[3, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 4, 255, '1', null, true].map((qos) =>
    publish(`QoS ${String(qos)}`, 'deck/qos', optionError(/QoS must be 0, 1 or 2 \(got /), {
      options: { qos, retain: false },
    }),
  ),
  publish('QoS undefined', 'deck/qos', optionError(/got undefined/), {
    options: { qos: undefined, retain: false },
  }),
  ...['yes', 1, null].map((retain) =>
    publish(`retain ${String(retain)}`, 'deck/retain', optionError(/Retain/), {
      options: { qos: 0, retain },
    }),
  ),
];

// PUBLISH = 1 + 2 (remaining length) + 2 + topic + packet id (QoS > 0) + 1 (no properties) + payload.
const sized = (payload: number, qos: number, topic = 'deck/size') =>
  publish(
    `payload of ${payload} bytes at QoS ${qos} over ${BROKER_MAX_PACKET_SIZE} bytes`,
    topic,
    tooLarge(new RegExp(`up to ${BROKER_MAX_PACKET_SIZE.toLocaleString('en')} bytes`)),
    { payload: 'p'.repeat(payload), options: { qos, retain: false } },
  );
const SIZES: PublishRow[] = [
  sized(BROKER_MAX_PACKET_SIZE, 0),
  sized(BROKER_MAX_PACKET_SIZE - 15, 1), // 1 + 2 + 2 + 9 + 2 + 1 + 1,009 = 1,026
  sized(BROKER_MAX_PACKET_SIZE - 16, 2), // 1,025: one byte over
  sized(600, 0, `deck/${'t'.repeat(500)}`),
  sized(100_000, 1),
];

const props = (name: string, userProperties: unknown, expected: Expected, version = 5) =>
  publish(name, 'deck/props', expected, {
    version: version as MqttVersion,
    options: { qos: 1, retain: false, userProperties },
  });
const PROPERTIES: PublishRow[] = [
  props(
    'user property name of 65,536 bytes',
    { ['k'.repeat(65_536)]: 'v' },
    optionError(/name "k+".*65,536 bytes/),
  ),
  props(
    'user property value of 65,536 bytes',
    { k: 'v'.repeat(65_536) },
    optionError(/value of user property "k".*65,536 bytes/),
  ),
  props(
    'user property name of 32,768 × é',
    { ['é'.repeat(32_768)]: 'v' },
    optionError(/65,536 bytes/),
  ),
  props(
    'user property value of 16,385 emoji',
    { k: '😀'.repeat(16_385) },
    optionError(/65,540 bytes/),
  ),
  props(
    'user property name with lone high surrogate',
    { [`k${HIGH}`]: 'v' },
    optionError(/name .*lone high surrogate/),
  ),
  props(
    'user property name with lone low surrogate',
    { [`${LOW}k`]: 'v' },
    optionError(/name .*lone low surrogate/),
  ),
  props(
    'user property value with lone high surrogate',
    { k: `v${HIGH}` },
    optionError(/value of user property "k" contains a lone high/),
  ),
  props(
    'user property value with lone low surrogate',
    { k: `${LOW}` },
    optionError(/value .*lone low surrogate/),
  ),
  props(
    'user property array value with lone surrogate',
    { k: ['ok', `x${HIGH}`] },
    optionError(/lone high surrogate/),
  ),
  props('user property name with U+0000', { 'a\u0000': 'v' }, optionError(/name .*NUL/)),
  props('user property value with U+0000', { k: 'v\u0000' }, optionError(/value .*NUL/)),
  props(
    'user property name with U+001B',
    { 'a\u001b': 'v' },
    optionError(/control character U\+001B/),
  ),
  props(
    'user property value with U+0085',
    { k: 'v\u0085' },
    optionError(/control character U\+0085/),
  ),
  props('user property with a number value', { k: 5 }, optionError(/"k" must have text values/)),
  props(
    'user property array with a number',
    { k: ['a', 5] },
    optionError(/"k" must have text values/),
  ),
  props('user properties as a list', [['k', 'v']], optionError(/name\/value pairs/)),
  props(
    'user properties adding up over the packet size',
    Object.fromEntries(range(1, 20).map((i) => [`key${i}`, 'v'.repeat(50)])),
    tooLarge(/Maximum Packet Size/),
  ),
  props('user properties on 3.1.1', { k: 'v' }, optionError(/need MQTT 5.*3\.1\.1/), 4),
  props('empty user properties on 3.1.1', {}, optionError(/need MQTT 5/), 4),
];

export const BAD_INPUTS: BadInput[] = [
  ...TOPICS,
  ...OPTIONS,
  ...SIZES,
  ...PROPERTIES,
  ...FILTERS,
  ...PROFILES,
  ...URLS,
];
