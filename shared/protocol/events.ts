// The wire contract worker → UI: the one event stream (a union on `type`) and the snapshot a
// freshly opened page renders from before the next event.
import type { DeckError, Qos, UserProperties } from './core';
import type { MessageSummary, OutboxEntry, SubscribeOptions } from './messages';

export type ConnectionState =
  'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'error';

export interface StatusEvent {
  type: 'status';
  /**
   * The connection (its profile id, `ConnectionProfile.id`) this status is about; absent only on
   * the placeholder status before any Connect.
   */
  connectionId?: string;
  state: ConnectionState;
  /** Reconnect attempt number, from 1, while `state` is 'reconnecting'. */
  attempt?: number;
  /** Milliseconds until the next attempt, while `state` is 'reconnecting'. */
  retryInMs?: number;
  /** Why the last attempt failed or why the connection ended. */
  error?: DeckError;
  /**
   * Broker URL (the one in use, which may be a fallback URL) and client ID of the connection this
   * status is about; the client ID is the broker's Assigned Client Identifier when it sent one.
   */
  url?: string;
  clientId?: string;
  /** While connected: what the broker's CONNACK said, for the UI to show (MQTT 5). */
  broker?: BrokerLimits;
  /**
   * While another tab holds this connection (error `open-elsewhere` or `taken-over`): the state
   * that tab reports for it, once it answered (BroadcastChannel).
   */
  elsewhere?: ConnectionState;
  at: number;
}

/** What an MQTT 5 CONNACK told us about the broker; absent fields were not sent. */
export interface BrokerLimits {
  receiveMaximum?: number;
  maximumPacketSize?: number;
  topicAliasMaximum?: number;
  /** Server Keep Alive: the keepalive in use, replacing the profile's. */
  serverKeepAliveS?: number;
  maximumQoS?: Qos;
  retainAvailable?: boolean;
  wildcardSubscriptionAvailable?: boolean;
  subscriptionIdentifiersAvailable?: boolean;
  sharedSubscriptionAvailable?: boolean;
  responseInformation?: string;
  serverReference?: string;
  reasonString?: string;
  userProperties?: UserProperties;
}

export interface MessagesEvent {
  type: 'messages';
  /** The newest messages of this run, oldest first: at most a few hundred per post. */
  messages: MessageSummary[];
  /**
   * How many messages arrived in this run, `messages` included. Larger than `messages.length`
   * when a burst outran the screen: the rest were left out of the post (they are in history).
   */
  received: number;
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
  /** The connection (profile id) the subscription belongs to. */
  connectionId?: string;
  filter: string;
  state: SubscriptionState;
  requestedQos: Qos;
  /** QoS the broker granted, when `state` is 'granted'. */
  grantedQos?: Qos;
  /** Why the broker refused, when `state` is 'refused'. */
  reason?: string;
  /** MQTT 5 subscription options as requested (absent: all defaults). */
  options?: SubscribeOptions;
}

/** Outbox entries that changed (added or new state), and those removed (cancelled, pruned). */
export interface OutboxEvent {
  type: 'outbox';
  entries: OutboxEntry[];
  removed: number[];
}

export type DeckEvent =
  StatusEvent | MessagesEvent | HistoryEvent | SubscriptionEvent | OutboxEvent;

/** Called with events in batches, at most about once per animation frame. */
export type DeckEventListener = (events: DeckEvent[]) => void;

/** A snapshot of worker state, so a freshly opened page can render before the next event. */
export interface WorkerSnapshot {
  /** The default connection's (the one last connected), or a 'disconnected' placeholder. */
  status: StatusEvent;
  subscriptions: SubscriptionEvent[];
  /** Every connection the worker holds (connected or not, until disconnected), oldest first. */
  connections: ConnectionSnapshot[];
  stored: number;
  storageError?: DeckError;
}

/** One of the worker's connections, as a freshly opened page needs it. */
export interface ConnectionSnapshot {
  connectionId: string;
  status: StatusEvent;
  subscriptions: SubscriptionEvent[];
}
