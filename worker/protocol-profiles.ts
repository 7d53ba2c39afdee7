// The contract for saved connection profiles, their MQTT 5 connect options and saved payloads
// (issue 7). Plain, structured-clone-safe types only, like protocol.ts which re-exports them.
import type { ConnectionProfile, PublishOptions, Qos } from './protocol';

/** MQTT 5 user properties, as mqtt.js takes and gives them: a name may repeat (a list). */
export type UserProperties = Record<string, string | string[]>;

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
