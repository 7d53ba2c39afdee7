// The wire contract for connection profiles: what the form fills in, the will, MQTT 5 connect
// properties, the reconnect policy, saved profiles and saved payloads.
import type { MqttVersion, Qos, UserProperties } from './core';
import type { PublishOptions } from './messages';

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
  /** MQTT 5 session expiry interval with clean start off (default a day); 3.1.1 has none. */
  sessionExpiryS?: number;
  /** Keep the password with the saved profile; without it the stored copy has a blank one. */
  rememberPassword?: boolean;
  /**
   * More broker URLs of the same cluster, tried in turn after `url` when a connection is lost or
   * an attempt fails. The session (QoS state, tab lock, outbox) stays keyed by `url`.
   */
  fallbackUrls?: string[];
  will?: WillMessage;
  /** MQTT 5 only. */
  connectProperties?: ConnectProperties;
  /** Absent: the app's default (1 s doubling to 30 s, with jitter, forever). */
  reconnect?: ReconnectPolicy;
}

export interface ConnectOptions {
  /** Take the connection from the tab that holds it rather than give up. */
  takeOver?: boolean;
  /**
   * A connection to end first: the form was editing it (another URL or client ID now). Without
   * it, every other open connection stays open beside the new one.
   */
  replace?: string;
}

/** The last will: published by the broker when the connection ends without a DISCONNECT. */
export interface WillMessage {
  topic: string;
  /** UTF-8 text. */
  payload: string;
  qos: Qos;
  retain: boolean;
  /** MQTT 5 will properties (ignored and refused on 3.1.1). */
  delayIntervalS?: number;
  messageExpiryIntervalS?: number;
  contentType?: string;
  /** Payload format indicator: true says the payload is UTF-8 text. */
  payloadFormatIndicator?: boolean;
  responseTopic?: string;
  /** Correlation data as UTF-8 text. */
  correlationData?: string;
  userProperties?: UserProperties;
}

/** MQTT 5 CONNECT properties the user may set (session expiry has its own profile field). */
export interface ConnectProperties {
  /** How many QoS 1/2 publishes the broker may have unacknowledged towards us (1–65,535). */
  receiveMaximum?: number;
  /** The largest packet we accept, in bytes; never above the app's own incoming limit. */
  maximumPacketSize?: number;
  /** How many topic aliases the broker may use towards us (0–65,535). */
  topicAliasMaximum?: number;
  requestResponseInformation?: boolean;
  requestProblemInformation?: boolean;
  userProperties?: UserProperties;
}

/** How the session retries after a lost connection. */
export interface ReconnectPolicy {
  /** Off: a lost connection stays 'disconnected' until the user connects again. */
  enabled: boolean;
  /** Delay before the first retry, then doubling with jitter up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Give up (state 'error') after this many failed attempts in a row; 0 = never. */
  maxAttempts: number;
}

/** A profile saved in the profile list; `profile.id` stays the connection id of history. */
export interface SavedProfile {
  /** Stable key of the saved entry (survives edits of URL and client ID). */
  key: string;
  /** What the list shows; unique is not required. */
  name: string;
  /** Password blank unless `profile.rememberPassword`. */
  profile: ConnectionProfile;
}

/** A named publish: one click sends it on the connection of its profile. */
export interface PayloadTemplate {
  /** Stable key within its profile's collection. */
  key: string;
  name: string;
  topic: string;
  /** UTF-8 text. */
  payload: string;
  options: PublishOptions;
}
