// The wire contract's base: QoS, MQTT versions, our error codes and the Result every expected
// failure comes back as. Types only, like every file in shared/protocol/.

export type Qos = 0 | 1 | 2;

export type MqttVersion = 4 | 5;

/** MQTT 5 user properties, as mqtt.js takes and gives them: a name may repeat (a list). */
export type UserProperties = Record<string, string | string[]>;

/** Our own codes for every way a connection can fail; the UI words them for people. */
export type ErrorCode =
  | 'bad-url'
  | 'unreachable'
  | 'not-authorized'
  | 'bad-credentials'
  | 'client-id-rejected'
  | 'server-unavailable'
  | 'protocol-error'
  | 'timeout'
  | 'not-connected'
  | 'invalid-topic'
  | 'invalid-option'
  | 'invalid-payload'
  | 'packet-too-large'
  | 'refused'
  | 'storage'
  /** Another tab of this browser holds the connection (same broker URL and client ID). */
  | 'open-elsewhere'
  /** Another tab took the connection over; this one stopped and does not reconnect. */
  | 'taken-over'
  | 'unknown';

export interface DeckError {
  code: ErrorCode;
  /** A sentence a person understands, already worded by the worker. */
  message: string;
}

export type Result<T> = ({ ok: true } & T) | ({ ok: false } & DeckError);
