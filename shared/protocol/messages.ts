// The wire contract for messages: a received message as listed and as stored, what a publish and
// a subscribe take and answer, and the outbox entries the UI lists.
import type { DeckError, Qos, Result, UserProperties } from './core';

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
  /** Set on messages this app published (stored once sent); absent on received ones. */
  published?: boolean;
}

/** One message with its whole payload, as stored in history. */
export interface StoredMessage extends Omit<MessageSummary, 'preview'> {
  payload: Uint8Array;
}

export const PREVIEW_BYTES = 1024;

export interface PublishOptions {
  qos: Qos;
  retain: boolean;
  /** MQTT 5 properties below; each is refused on a 3.1.1 connection. */
  userProperties?: UserProperties;
  contentType?: string;
  /** True: the payload is UTF-8 text (the worker refuses it when the payload is not). */
  payloadFormatIndicator?: boolean;
  messageExpiryIntervalS?: number;
  responseTopic?: string;
  correlationData?: Uint8Array;
  /** 1 to the broker's Topic Alias Maximum; the worker sends the topic with it the first time. */
  topicAlias?: number;
}

/** MQTT 5 subscription options; refused on a 3.1.1 connection when any is set. */
export interface SubscribeOptions {
  /** Do not send us our own publishes on this filter. */
  noLocal?: boolean;
  /** Keep the retain flag as published instead of clearing it on live delivery. */
  retainAsPublished?: boolean;
  /** 0: send retained messages at subscribe; 1: only if the subscription is new; 2: never. */
  retainHandling?: 0 | 1 | 2;
  /** 1–268,435,455; the broker echoes it on every message this subscription delivers. */
  subscriptionIdentifier?: number;
}

export type SubscribeResult = Result<{ grantedQos: Qos }>;

/**
 * `seq` is the message's outbox entry and `queued` says the outbox still holds it unacknowledged
 * (not connected, or the connection ended before the broker answered): it will be sent, or sent
 * again, on the next connect. Both are set on every result of `DeckApi.publish`.
 */
export type PublishResult = Result<{
  qos: Qos;
  acknowledged: boolean;
  seq?: number;
  queued?: boolean;
}>;

/** How many outbox entries `DeckApi.outbox()` returns, and the UI keeps. */
export const OUTBOX_LIST_MAX = 500;

/** Where one of the user's publishes stands; the UI shows these words as they are. */
export type OutboxState = 'queued' | 'sent' | 'acknowledged' | 'failed';

/** One of the user's publishes as the Outbox lists it (the payload stays in the worker). */
export interface OutboxEntry {
  /** Publish order, monotonic per database. */
  seq: number;
  /** The connection (profile id) it is to be sent on. */
  connectionId: string;
  topic: string;
  qos: Qos;
  retain: boolean;
  /** Payload size in bytes. */
  size: number;
  state: OutboxState;
  /** Why it failed, when `state` is 'failed'. */
  error?: DeckError;
  /** The broker's reason in the spec's words when its PUBACK/PUBREC carried one (MQTT 5). */
  reason?: string;
  /** A request: it was published with a response topic (and correlation data, if any). */
  responseTopic?: string;
  correlationData?: Uint8Array;
  /** The first received message that answered it: on its response topic, same correlation data. */
  response?: { messageId: number; at: number };
  /** When the user published it, and when its state last changed, ms since the epoch. */
  createdAt: number;
  updatedAt: number;
}
