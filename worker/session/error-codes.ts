// Maps MQTT return and reason codes (3.1.1 CONNACK, 5.0 reason codes) and transport failures to
// our ErrorCode and a sentence a person understands. Pure: shared by the session and its tests.
import type { DeckError, ErrorCode, MqttVersion } from '../../shared/protocol';
import { reasonName, reasonStringNote } from './reason-codes';

// The reason code table lives in reason-codes.ts; these are its callers' names for it.
export { reasonName, subscriptionRefusal } from './reason-codes';

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

/**
 * Why the broker did not accept a QoS 1/2 publish: a PUBACK or PUBREC reason code of 0x80 or
 * more (MQTT 5), with the broker's reason string when it sent one.
 */
export function publishRefusal(code: number, reasonString?: unknown): DeckError {
  const note = reasonStringNote(reasonString);
  const words = reasonName(code, 'puback');
  if (code === 0x87) {
    const message = `Not authorized to publish to this topic: ${words}.${note}`;
    return { code: 'not-authorized', message };
  }
  if (code === 0x95) {
    const message = `The message is larger than the broker accepts: ${words}.${note}`;
    return { code: 'packet-too-large', message };
  }
  return { code: 'refused', message: `The broker rejected the message: ${words}.${note}` };
}

/** Why the broker ended a connection with a DISCONNECT packet (MQTT 5). */
export function disconnectError(code: number, reasonString?: unknown): DeckError {
  const note = reasonStringNote(reasonString);
  if (code === 0) {
    return { code: 'unreachable', message: `The broker closed the connection.${note}` };
  }
  if (code === 0x8e) {
    const message = `Another client connected with the same client ID and took over the session.${note}`;
    return { code: 'client-id-rejected', message };
  }
  const words = reasonName(code, 'disconnect');
  return { code: 'unreachable', message: `The broker closed the connection: ${words}.${note}` };
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
