// Every MQTT 5.0 reason code of the specification's table (§2.4), once, in its words, and what
// each packet kind (SUBACK, UNSUBACK, PUBACK/PUBREC, AUTH) makes of one. Pure: no mqtt.js here.

/** MQTT 5.0 reason code names, in the specification's words (§2.4). */
const REASON_NAMES: Readonly<Record<number, string>> = {
  // 0x00 is Success, Normal disconnection or Granted QoS 0 depending on the packet: see below.
  0x01: 'Granted QoS 1',
  0x02: 'Granted QoS 2',
  0x04: 'Disconnect with Will Message',
  0x10: 'No matching subscribers',
  0x11: 'No subscription existed',
  0x18: 'Continue authentication',
  0x19: 'Re-authenticate',
  0x80: 'Unspecified error',
  0x81: 'Malformed Packet',
  0x82: 'Protocol Error',
  0x83: 'Implementation specific error',
  0x84: 'Unsupported Protocol Version',
  0x85: 'Client Identifier not valid',
  0x86: 'Bad User Name or Password',
  0x87: 'Not authorized',
  0x88: 'Server unavailable',
  0x89: 'Server busy',
  0x8a: 'Banned',
  0x8b: 'Server shutting down',
  0x8c: 'Bad authentication method',
  0x8d: 'Keep Alive timeout',
  0x8e: 'Session taken over',
  0x8f: 'Topic Filter invalid',
  0x90: 'Topic Name invalid',
  0x91: 'Packet Identifier in use',
  0x92: 'Packet Identifier not found',
  0x93: 'Receive Maximum exceeded',
  0x94: 'Topic Alias invalid',
  0x95: 'Packet too large',
  0x96: 'Message rate too high',
  0x97: 'Quota exceeded',
  0x98: 'Administrative action',
  0x99: 'Payload format invalid',
  0x9a: 'Retain not supported',
  0x9b: 'QoS not supported',
  0x9c: 'Use another server',
  0x9d: 'Server moved',
  0x9e: 'Shared Subscriptions not supported',
  0x9f: 'Connection rate exceeded',
  0xa0: 'Maximum connect time',
  0xa1: 'Subscription Identifiers not supported',
  0xa2: 'Wildcard Subscriptions not supported',
};

/** Which packet a reason code came in: 0x00 has a different name in each (§2.4). */
export type ReasonPacket = 'connack' | 'suback' | 'unsuback' | 'puback' | 'disconnect' | 'auth';

const ZERO_NAMES: Readonly<Record<ReasonPacket, string>> = {
  connack: 'Success',
  suback: 'Granted QoS 0',
  unsuback: 'Success',
  puback: 'Success',
  disconnect: 'Normal disconnection',
  auth: 'Success',
};

/** A broker's reason string is untrusted text: shown, but never longer than this. */
export const REASON_STRING_MAX_CHARS = 200;

/** The specification's name for an MQTT 5 reason code, with the code in hex. */
export function reasonName(code: number, packet?: ReasonPacket): string {
  const hex = `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  const name = code === 0 ? ZERO_NAMES[packet ?? 'puback'] : REASON_NAMES[code];
  return name ? `${name} (${hex})` : `reason code ${hex}`;
}

/** The broker's Reason String (MQTT 5 property), cut short, quoted; '' when it sent none. */
export function reasonStringNote(reasonString: unknown): string {
  if (typeof reasonString !== 'string' || reasonString.trim() === '') return '';
  const text = reasonString.trim();
  const cut =
    text.length > REASON_STRING_MAX_CHARS ? `${text.slice(0, REASON_STRING_MAX_CHARS)}…` : text;
  return ` The broker said: “${cut}”`;
}

/** Why a SUBACK refused a filter: 0x80 is the only failure in 3.1.1, the §3.9.3 codes in 5.0. */
export function subscriptionRefusal(code: number, version: 4 | 5): string {
  if (version === 4) return 'The broker refused this subscription.';
  const why: Readonly<Record<number, string>> = {
    0x80: 'The broker refused this subscription',
    0x83: 'The broker refused this subscription for a reason of its own',
    0x87: 'Not authorized to subscribe to this filter',
    0x8f: 'The broker does not accept this topic filter',
    0x91: 'The packet identifier is already in use; subscribe again',
    0x97: 'The broker refused it: a quota is exceeded',
    0x9e: 'The broker does not support shared subscriptions',
    0xa1: 'The broker does not support subscription identifiers',
    0xa2: 'The broker does not support wildcard subscriptions',
  };
  return `${why[code] ?? 'The broker refused this subscription'}: ${reasonName(code, 'suback')}.`;
}

/**
 * Why an MQTT 5 UNSUBACK refused a filter (§3.11.3), or undefined when it did not. 0x11 "No
 * subscription existed" is no refusal: the broker holds no such subscription, which is what the
 * user asked for, so the filter is removed like after a Success.
 */
export function unsubscribeRefusal(code: number): string | undefined {
  if (code < 0x80) return undefined;
  const why: Readonly<Record<number, string>> = {
    0x87: 'Not authorized to unsubscribe from this filter',
    0x8f: 'The broker does not accept this topic filter',
    0x91: 'The packet identifier is already in use; unsubscribe again',
  };
  const sentence = why[code] ?? 'The broker refused to unsubscribe';
  return `${sentence}: ${reasonName(code, 'unsuback')}. The subscription stays.`;
}

/** An AUTH packet's reason code in words (§3.15.2.1): enhanced authentication in progress. */
export function authReason(code: number): string {
  if (code === 0) return `The broker accepted the authentication: ${reasonName(0, 'auth')}.`;
  if (code === 0x18) {
    return `The broker asks for another authentication step: ${reasonName(code)}.`;
  }
  if (code === 0x19) return `Re-authentication was requested: ${reasonName(code)}.`;
  return `The broker sent an AUTH packet: ${reasonName(code, 'auth')}.`;
}
