// Reads the broker's bytes ahead of mqtt.js, packet boundaries only: a hostile broker is stopped
// at a packet's first bytes (type, flags, length, topic encoding) before mqtt.js buffers the rest
// (its parser would wait for all of a 256 MB packet, and it decodes bad UTF-8 to U+FFFD).
import type { MqttVersion } from '../../shared/protocol';

export interface GuardLimits {
  version: MqttVersion;
  maxPacketBytes: number;
}

export interface Violation {
  /** What the broker did, in a clause: "sent a PUBLISH packet of 268,435,460 bytes". */
  detail: string;
  /** The MQTT 5 DISCONNECT reason: 0x81 Malformed Packet, 0x82 Protocol Error, 0x95 too large. */
  reasonCode: 0x81 | 0x82 | 0x95;
  /** The packet's name and whole size, for a too-large one. */
  packet?: string;
  size?: number;
}

const NAMES = [
  'reserved type 0',
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'AUTH',
];
const PUBLISH = 3;
const PUBREL = 6;
// What a broker may send: CONNACK, PUBLISH, the acks, SUBACK, UNSUBACK, PINGRESP (and in 5.0
// DISCONNECT and AUTH, reserved in 3.1.1).
const FROM_BROKER_V4 = new Set([2, 3, 4, 5, 6, 7, 9, 11, 13]);
const FROM_BROKER_V5 = new Set([...FROM_BROKER_V4, 14, 15]);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function topicProblem(topic: Uint8Array): string | null {
  let ascii = true;
  for (let i = 0; i < topic.length; i++) {
    const byte = topic[i] ?? 0;
    if (byte === 0) return 'a topic containing U+0000';
    if (byte === 0x23 || byte === 0x2b) return 'a topic containing a wildcard';
    if (byte >= 0x80) ascii = false;
  }
  if (ascii) return null;
  try {
    strictUtf8.decode(topic);
    return null;
  } catch {
    return 'a topic that is not valid UTF-8';
  }
}

export interface PacketGuard {
  /** Reads the next bytes; returns the first violation (and again on every later call). */
  feed(chunk: Uint8Array): Violation | null;
}

export function createPacketGuard(limits: GuardLimits): PacketGuard {
  const allowed = limits.version === 5 ? FROM_BROKER_V5 : FROM_BROKER_V4;
  let stage: 'header' | 'length' | 'body' = 'header';
  let type = 0;
  let flags = 0;
  let length = 0;
  let lengthBytes = 0;
  let remaining = 0;
  // A PUBLISH's topic: stage 1 and 2 read its two length bytes, stage 3 the topic itself, copied
  // only when it spans two chunks; 0 when no topic is being read.
  let topicStage: 0 | 1 | 2 | 3 = 0;
  let topicSize = 0;
  let topic: Uint8Array | undefined;
  let topicFilled = 0;
  let failed: Violation | null = null;

  const malformed = (what: string): Violation => ({
    detail: `sent ${what}`,
    reasonCode: 0x81,
  });

  function header(byte: number): Violation | null {
    type = byte >> 4;
    flags = byte & 0x0f;
    const name = NAMES[type] ?? String(type);
    if (!allowed.has(type)) {
      return { detail: `sent a ${name} packet, which a broker must not send`, reasonCode: 0x82 };
    }
    if (type === PUBLISH && (flags & 0x06) === 0x06) return malformed('a PUBLISH with QoS 3');
    const required = type === PUBREL ? 0x02 : 0;
    if (type !== PUBLISH && flags !== required) {
      return malformed(`a ${name} packet with reserved flag bits set`);
    }
    return null;
  }

  function bodyStarts(): Violation | null {
    const size = 1 + lengthBytes + length;
    if (size > limits.maxPacketBytes) {
      const packet = NAMES[type] ?? 'unknown';
      const detail = `sent a ${packet} packet of ${size.toLocaleString('en')} bytes`;
      return { detail, reasonCode: 0x95, packet, size };
    }
    remaining = length;
    if (type === PUBLISH) {
      if (length < 2) return malformed('a PUBLISH packet too short to hold its topic');
      topicStage = 1;
    }
    stage = remaining === 0 ? 'header' : 'body';
    return null;
  }

  /** Reads topic bytes from chunk[at..]; returns how many it took, or a violation. */
  function readTopic(chunk: Uint8Array, at: number): number | Violation {
    if (topicStage === 1) {
      topicSize = (chunk[at] ?? 0) << 8;
      topicStage = 2;
      return 1;
    }
    if (topicStage === 2) {
      topicSize |= chunk[at] ?? 0;
      topicStage = topicSize === 0 ? 0 : 3;
      const needed = 2 + topicSize + ((flags & 0x06) !== 0 ? 2 : 0);
      if (needed > length) return malformed('a PUBLISH packet whose topic runs past its end');
      if (topicSize === 0 && limits.version === 4) {
        return malformed('a PUBLISH with an empty topic');
      }
      topicFilled = 0;
      return 1;
    }
    const take = Math.min(topicSize - topicFilled, chunk.length - at);
    let whole: Uint8Array | undefined;
    if (topicFilled === 0 && take === topicSize) whole = chunk.subarray(at, at + take);
    else {
      topic ??= new Uint8Array(topicSize);
      topic.set(chunk.subarray(at, at + take), topicFilled);
      if (topicFilled + take === topicSize) whole = topic;
    }
    topicFilled += take;
    if (whole) {
      topicStage = 0;
      topic = undefined;
      const problem = topicProblem(whole);
      if (problem) return malformed(`a PUBLISH with ${problem}`);
    }
    return take;
  }

  function step(chunk: Uint8Array, at: number): number | Violation {
    if (stage === 'header') {
      const problem = header(chunk[at] ?? 0);
      if (problem) return problem;
      stage = 'length';
      length = 0;
      lengthBytes = 0;
      return 1;
    }
    if (stage === 'length') {
      const byte = chunk[at] ?? 0;
      length += (byte & 0x7f) * 128 ** lengthBytes;
      lengthBytes += 1;
      if (byte & 0x80) {
        return lengthBytes === 4 ? malformed('a remaining length longer than 4 bytes') : 1;
      }
      return bodyStarts() ?? 1;
    }
    const taken = topicStage !== 0 ? readTopic(chunk, at) : Math.min(remaining, chunk.length - at);
    if (typeof taken !== 'number') return taken;
    remaining -= taken;
    if (remaining === 0) stage = 'header';
    return taken;
  }

  return {
    feed(chunk) {
      let at = 0;
      while (!failed && at < chunk.length) {
        const taken = step(chunk, at);
        if (typeof taken === 'number') at += taken;
        else failed = taken;
      }
      return failed;
    },
  };
}

/** CONNACK properties the spec forbids, or that leave no packet sendable (MQTT 5 §3.2.2.3). */
export function connackViolation(properties: ConnackLimits | undefined): Violation | null {
  if (!properties) return null;
  const bad = (what: string): Violation => ({
    detail: `sent a CONNACK with ${what}`,
    reasonCode: 0x82,
  });
  if (properties.receiveMaximum === 0) return bad('Receive Maximum 0');
  if (properties.maximumPacketSize === 0) return bad('Maximum Packet Size 0');
  // Even a PINGREQ takes 2 bytes: below that the connection cannot be kept alive.
  if (properties.maximumPacketSize !== undefined && properties.maximumPacketSize < 2) {
    return bad(`Maximum Packet Size ${properties.maximumPacketSize}, too small for any packet`);
  }
  if (properties.maximumQoS !== undefined && properties.maximumQoS > 1) {
    return bad(`Maximum QoS ${properties.maximumQoS}`);
  }
  return null;
}

/** The CONNACK properties the app reads. */
export interface ConnackLimits {
  receiveMaximum?: number;
  maximumPacketSize?: number;
  maximumQoS?: number;
}
