// The wire contract between the worker and the UI: plain, structured-clone-safe types only.
// Both tsconfigs include this file; it must stay free of runtime code and of DOM or worker globals.

export type Qos = 0 | 1 | 2;
export type MqttVersion = 4 | 5;

/** What the user fills in on the connection form. `id` names the connection in history. */
export interface ConnectionProfile {
  id: string;
  url: string;
  clientId: string;
  username: string;
  password: string;
  keepaliveS: number;
  cleanStart: boolean;
  protocolVersion: MqttVersion;
}

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
  | 'packet-too-large'
  | 'refused'
  | 'storage'
  | 'unknown';

export interface DeckError {
  code: ErrorCode;
  /** A sentence a person understands, already worded by the worker. */
  message: string;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'error';

export interface StatusEvent {
  type: 'status';
  state: ConnectionState;
  /** Reconnect attempt number, from 1, while `state` is 'reconnecting'. */
  attempt?: number;
  /** Milliseconds until the next attempt, while `state` is 'reconnecting'. */
  retryInMs?: number;
  /** Why the last attempt failed or why the connection ended. */
  error?: DeckError;
  /** Broker URL and client ID of the connection this status is about. */
  url?: string;
  clientId?: string;
  at: number;
}

/** MQTT 5 properties of a received PUBLISH, reduced to cloneable values. */
export interface MessageProperties {
  payloadFormatIndicator?: boolean;
  messageExpiryInterval?: number;
  topicAlias?: number;
  responseTopic?: string;
  correlationData?: Uint8Array;
  userProperties?: Record<string, string | string[]>;
  subscriptionIdentifier?: number | number[];
  contentType?: string;
}

/** One received message as the UI lists it: the payload is cut to PREVIEW_BYTES. */
export interface MessageSummary {
  /** History key: monotonic per database, newer is larger. */
  id: number;
  connectionId: string;
  topic: string;
  qos: Qos;
  retain: boolean;
  /** Receive time, ms since the epoch. */
  time: number;
  /** Full payload size in bytes. */
  size: number;
  /** The first PREVIEW_BYTES bytes of the payload (all of it when smaller). */
  preview: Uint8Array;
  properties?: MessageProperties;
}

/** One message with its whole payload, as stored in history. */
export interface StoredMessage extends Omit<MessageSummary, 'preview'> {
  payload: Uint8Array;
}

export const PREVIEW_BYTES = 1024;

export interface MessagesEvent {
  type: 'messages';
  messages: MessageSummary[];
}

export interface HistoryEvent {
  type: 'history';
  /** Messages now stored in IndexedDB. */
  stored: number;
  /** Set while the last write failed (for example the storage quota is full). */
  error?: DeckError;
}

export type SubscriptionState = 'pending' | 'granted' | 'refused' | 'removed';

export interface SubscriptionEvent {
  type: 'subscription';
  filter: string;
  state: SubscriptionState;
  requestedQos: Qos;
  /** QoS the broker granted, when `state` is 'granted'. */
  grantedQos?: Qos;
  /** Why the broker refused, when `state` is 'refused'. */
  reason?: string;
}

export type DeckEvent = StatusEvent | MessagesEvent | HistoryEvent | SubscriptionEvent;

export type Result<T> = ({ ok: true } & T) | ({ ok: false } & DeckError);

export type SubscribeResult = Result<{ grantedQos: Qos }>;
export type PublishResult = Result<{ qos: Qos; acknowledged: boolean }>;

export interface PublishOptions {
  qos: Qos;
  retain: boolean;
}

/** A page of history, newest first. Pass `before` = last id of a page to get the next one. */
export interface HistoryQuery {
  topicFilter?: string;
  before?: number;
  limit: number;
}

export interface HistoryPage {
  messages: MessageSummary[];
  /** Id to pass as `before` for the next page, absent at the end of history. */
  next?: number;
}
