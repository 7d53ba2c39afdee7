// Maps MQTT return and reason codes (3.1.1 CONNACK, 5.0 reason codes) and transport failures to
// our ErrorCode and a sentence a person understands. Pure: shared by the session and its tests.
import type { DeckError, ErrorCode, MqttVersion } from './protocol';

/** MQTT 5.0 reason code names, in the specification's words (§2.4). */
const REASON_NAMES: Readonly<Record<number, string>> = {
  0x10: 'No matching subscribers',
  0x11: 'No subscription existed',
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

/** The specification's name for an MQTT 5 reason code, with the code in hex. */
export function reasonName(code: number): string {
  const hex = `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  const name = REASON_NAMES[code];
  return name ? `${name} (${hex})` : `reason code ${hex}`;
}

type Refusal = [ErrorCode, string];

/** MQTT 3.1.1 CONNACK return codes 1..5 (§3.2.2.3). */
const V3_CONNACK: Readonly<Record<number, Refusal>> = {
  1: ['protocol-error', 'The broker does not accept this MQTT version.'],
  2: ['client-id-rejected', 'The broker rejected the client ID; try another one.'],
  3: ['server-unavailable', 'The broker is unavailable right now; try again later.'],
  4: ['bad-credentials', 'Not authorized: wrong username or password.'],
  5: ['not-authorized', 'Not authorized: the broker refused this client.'],
};

/** MQTT 5.0 CONNACK reason codes (§3.2.2.2). */
const V5_CONNACK: Readonly<Record<number, Refusal>> = {
  0x81: ['protocol-error', 'The broker could not read the connection request.'],
  0x82: ['protocol-error', 'The broker reported a protocol error in the connection request.'],
  0x84: ['protocol-error', 'The broker does not accept this MQTT version.'],
  0x85: ['client-id-rejected', 'The broker rejected the client ID; try another one.'],
  0x86: ['bad-credentials', 'Not authorized: wrong username or password.'],
  0x87: ['not-authorized', 'Not authorized: the broker refused this client.'],
  0x88: ['server-unavailable', 'The broker is unavailable right now; try again later.'],
  0x89: ['server-unavailable', 'The broker is too busy right now; try again later.'],
  0x8a: ['not-authorized', 'Not authorized: the broker has banned this client.'],
  0x8c: ['not-authorized', 'Not authorized: the broker does not accept this way of signing in.'],
  0x90: ['protocol-error', 'The broker rejected the topic of the last will.'],
  0x95: ['packet-too-large', 'The connection request is larger than the broker accepts.'],
  0x97: ['server-unavailable', 'The broker refused the connection: a quota is exceeded.'],
  0x99: ['protocol-error', 'The broker rejected the payload format of the last will.'],
  0x9a: ['protocol-error', 'The broker does not support retained last-will messages.'],
  0x9b: ['protocol-error', 'The broker does not support the QoS of the last will.'],
  0x9c: ['server-unavailable', 'The broker asks clients to use another server.'],
  0x9d: ['server-unavailable', 'The broker has moved to another server.'],
  0x9f: ['server-unavailable', 'The broker refuses new connections for now (rate exceeded).'],
};

/** Why the broker refused a CONNECT, from a 3.1.1 return code or a 5.0 reason code. */
export function connackError(code: number, version?: MqttVersion): DeckError {
  const refusal = code < 0x80 ? V3_CONNACK[code] : V5_CONNACK[code];
  if (!refusal) {
    return { code: 'unknown', message: `The broker refused the connection: ${reasonName(code)}.` };
  }
  const [errorCode, sentence] = refusal;
  if (errorCode === 'protocol-error' && (code === 1 || code === 0x84) && version) {
    const other = version === 5 ? '3.1.1' : '5.0';
    return { code: errorCode, message: `${sentence} Try MQTT ${other}.` };
  }
  return { code: errorCode, message: code < 0x80 ? sentence : `${sentence} [${reasonName(code)}]` };
}

/** Why a SUBACK refused a filter: 0x80 is the only failure in 3.1.1, reason codes in 5.0. */
export function subscriptionRefusal(code: number, version: MqttVersion): string {
  if (version === 4 || code === 0x80) return 'The broker refused this subscription.';
  if (code === 0x87) return 'Not authorized to subscribe to this filter.';
  return `The broker refused this subscription: ${reasonName(code)}.`;
}

/** Why the broker did not accept a QoS 1/2 publish (PUBACK or PUBREC reason code, MQTT 5). */
export function publishRefusal(code: number): DeckError {
  if (code === 0x87) {
    return { code: 'not-authorized', message: 'Not authorized to publish to this topic.' };
  }
  if (code === 0x95) {
    return { code: 'packet-too-large', message: 'The message is larger than the broker accepts.' };
  }
  return { code: 'refused', message: `The broker rejected the message: ${reasonName(code)}.` };
}

/** Why the broker ended a connection with a DISCONNECT packet (MQTT 5). */
export function disconnectError(code: number): DeckError {
  if (code === 0) return { code: 'unreachable', message: 'The broker closed the connection.' };
  if (code === 0x8e) {
    const message = 'Another client connected with the same client ID and took over the session.';
    return { code: 'client-id-rejected', message };
  }
  return { code: 'unreachable', message: `The broker closed the connection: ${reasonName(code)}.` };
}

export function unreachableError(url: string): DeckError {
  return {
    code: 'unreachable',
    message: `Cannot reach the broker at ${url}. Check the address, port and path, and that the broker is running.`,
  };
}

export const CONNECTION_LOST: DeckError = {
  code: 'unreachable',
  message: 'The connection to the broker was lost.',
};

export function timeoutError(what: string, seconds: number): DeckError {
  return { code: 'timeout', message: `${what} did not answer within ${seconds} s.` };
}

export const KEEPALIVE_TIMEOUT: DeckError = {
  code: 'timeout',
  message: 'The broker stopped answering keepalive pings.',
};

export const NOT_CONNECTED: DeckError = {
  code: 'not-connected',
  message: 'Not connected: connect to a broker first.',
};

/** The broker broke the protocol (a packet the app cannot read, or one the spec forbids). */
export function protocolError(detail: string): DeckError {
  const sentence = detail.replace(/\.$/, '');
  return {
    code: 'protocol-error',
    message: `Protocol error: ${sentence}. The app closed the connection.`,
  };
}

/** The broker sent a packet above the size this app accepts (its CONNECT announced it in 5.0). */
export function incomingTooLarge(what: string, size: number, limit: number): DeckError {
  const bytes = (n: number) => n.toLocaleString('en');
  return protocolError(
    `the broker sent a ${what} packet of ${bytes(size)} bytes; this app accepts at most ${bytes(limit)}`,
  );
}

/**
 * An error mqtt.js reported on an open connection, as a protocol error; undefined for the
 * errors that are not the broker's fault (a storage failure, a local end in progress).
 */
export function clientProtocolError(error: Error, code: number | undefined): DeckError | undefined {
  if (code === 0x95)
    return protocolError(`the broker sent a packet larger than announced (${error.message})`);
  if (code !== undefined) return protocolError(`${reasonName(code)}: ${error.message}`);
  // Storage errors carry their DOMException name, socket errors a string code (ECONNREFUSED);
  // mqtt.js's own notices are not the broker's doing either.
  const systemCode = (error as { code?: unknown }).code;
  if (error.name !== 'Error' || typeof systemCode === 'string') return undefined;
  if (LOCAL_NOTICES.has(error.message)) return undefined;
  return protocolError(`the broker sent a malformed packet (${error.message})`);
}

const LOCAL_NOTICES = new Set(['client disconnecting', 'connack timeout', 'Keepalive timeout']);
