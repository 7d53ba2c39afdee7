// The wire contract between the worker and the UI: plain, structured-clone-safe types only.
// Both tsconfigs include this file; it must stay free of runtime code and of DOM or worker globals.
import type {
  CaptureInfo,
  ConnectionLogEntry,
  ConnectionLogQuery,
  ExportRequest,
  ExportResult,
  HistoryCount,
  ImportRequest,
  ImportResult,
  SeriesQuery,
  SeriesResult,
  TopicStat,
  TopLevelUsage,
  TransferProgress,
} from './protocol-explore';
import type {
  ConnectProperties,
  PayloadTemplate,
  ReconnectPolicy,
  SavedProfile,
  UserProperties,
  WillMessage,
} from './protocol-profiles';
import type {
  DashboardData,
  DecoderRule,
  HistoryPage,
  HistoryQuery,
  RetentionPolicy,
  StorageInfo,
} from './protocol-stored';

export type * from './protocol-stored';
export type * from './protocol-explore';
export type * from './protocol-profiles';

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

/** Outbox entries that changed (added or new state), and those removed (cancelled, pruned). */
export interface OutboxEvent {
  type: 'outbox';
  entries: OutboxEntry[];
  removed: number[];
}

export type DeckEvent =
  StatusEvent | MessagesEvent | HistoryEvent | SubscriptionEvent | OutboxEvent;

export type Result<T> = ({ ok: true } & T) | ({ ok: false } & DeckError);

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

export interface ConnectOptions {
  /** Take the connection from the tab that holds it rather than give up. */
  takeOver?: boolean;
  /**
   * A connection to end first: the form was editing it (another URL or client ID now). Without
   * it, every other open connection stays open beside the new one.
   */
  replace?: string;
}

/** Called with events in batches, at most about once per animation frame. */
export type DeckEventListener = (events: DeckEvent[]) => void;

/**
 * The worker's API as the UI sees it through Comlink. The worker's `api` object must satisfy it
 * (`export type WorkerApi = typeof api` in worker/index.ts is checked against it).
 */
export interface DeckApi {
  /**
   * Starts connecting; resolves at once with a validation error, or ok once the attempt began.
   * Only one tab holds a connection (broker URL + client ID, a Web Lock): while another has it,
   * resolves with `open-elsewhere` and makes no attempt, unless `options.takeOver`, which takes
   * it from that tab (that one stops with `taken-over` and does not reconnect).
   * The worker holds one client per connected profile (`profile.id`): connecting one leaves the
   * others open (unless `options.replace`); connecting an open one again restarts it. The one
   * connected last is the default for calls that name no connection.
   */
  connect(profile: ConnectionProfile, options?: ConnectOptions): Promise<Result<object>>;
  /** Ends that connection (absent: every connection) and stops its reconnecting. */
  disconnect(connectionId?: string): Promise<void>;
  /** The page or the network came back: while reconnecting, tries at once instead of waiting. */
  retryNow(): Promise<void>;
  /** On `connectionId`, or the default connection. */
  subscribe(
    filter: string,
    qos: Qos,
    options?: SubscribeOptions,
    connectionId?: string,
  ): Promise<SubscribeResult>;
  /** Refused (ok false, the UNSUBACK's reason in words) when an MQTT 5 broker said no. */
  unsubscribe(filter: string, connectionId?: string): Promise<Result<object>>;
  /**
   * Validates, then stores the message in the outbox ('queued', durably) and sends it in publish
   * order when connected. Resolves: refused (ok false) when invalid for the connection's MQTT
   * version or when the broker refused it; ok with `queued` once stored while not connected (it
   * is sent on the next connect of that connection); ok when a QoS 0 message is written, or when
   * QoS 1/2 is acknowledged; ok with `queued` if the connection ended or 30 s passed first.
   * Sent on `connectionId` (an open connection), else the default one, else the saved profile.
   */
  publish(
    topic: string,
    payload: string,
    options: PublishOptions,
    connectionId?: string,
  ): Promise<PublishResult>;
  /** The newest outbox entries (at most OUTBOX_LIST_MAX), newest first. */
  outbox(): Promise<OutboxEntry[]>;
  /** Removes a 'queued' entry so it is never sent; refused for any other state. */
  cancelOutgoing(seq: number): Promise<Result<object>>;
  /** Registers a (Comlink-proxied) listener; resolves to a proxied function that removes it. */
  events(listener: DeckEventListener): Promise<() => void>;
  snapshot(): Promise<WorkerSnapshot>;
  /** A page of live history or of a capture (`query.source`), newest first. */
  readHistory(query: HistoryQuery): Promise<HistoryPage>;
  /** How many messages match `query`, counted in bounded steps (see HistoryCount). */
  countHistory(query: HistoryQuery): Promise<HistoryCount>;
  getMessage(id: number, source?: string): Promise<StoredMessage | undefined>;
  /** Connection events (connected, disconnected, refused), newest first. */
  readConnectionLog(query: ConnectionLogQuery): Promise<ConnectionLogEntry[]>;
  /** Every topic stored, with its count, bytes and newest message, in topic order. */
  topicStats(source?: string): Promise<TopicStat[]>;
  /** Messages and payload bytes per first topic level. */
  topLevelUsage(source?: string): Promise<TopLevelUsage[]>;
  /** Imported captures, newest first. */
  listCaptures(): Promise<CaptureInfo[]>;
  /** Deletes a capture and its database. */
  deleteCapture(id: string): Promise<Result<object>>;
  /** Streams the query's selection, oldest first, to a file or a Blob; progress a few times a second. */
  exportHistory(
    request: ExportRequest,
    progress: (progress: TransferProgress) => void,
  ): Promise<ExportResult>;
  /** Reads an NDJSON export into a new capture. */
  importCapture(
    request: ImportRequest,
    progress: (progress: TransferProgress) => void,
  ): Promise<ImportResult>;
  /** Stops an export or import: the export's file is left as written so far, the import's capture deleted. */
  cancelTransfer(jobId: string): Promise<void>;
  /** Numeric JSON fields of stored messages over a time range, reduced to `buckets` per series. */
  historySeries(query: SeriesQuery): Promise<SeriesResult>;
  /** Saved profiles in the user's order; passwords blank unless remembered. */
  listProfiles(): Promise<SavedProfile[]>;
  /** Adds or replaces (by key) a saved profile; refused with a message when invalid. */
  putProfile(saved: SavedProfile): Promise<Result<object>>;
  /** Removes a saved profile and its saved payloads. */
  deleteProfile(key: string): Promise<void>;
  /** Puts the saved profiles in this order (keys not listed keep their place at the end). */
  orderProfiles(keys: string[]): Promise<void>;
  /** The saved payloads of one saved profile, in the user's order. */
  listTemplates(profileKey: string): Promise<PayloadTemplate[]>;
  /** Replaces the saved payloads of one saved profile; refused when one is invalid. */
  saveTemplates(profileKey: string, templates: PayloadTemplate[]): Promise<Result<object>>;
  /** The last connection profile saved; its password is blank unless it had rememberPassword. */
  loadProfile(): Promise<ConnectionProfile | undefined>;
  /** Remembers `profile` as the last used one; the password is blanked unless rememberPassword. */
  saveProfile(profile: ConnectionProfile): Promise<void>;
  /** Storage usage and quota, history totals, the retention policy and the last prune. */
  storageInfo(): Promise<StorageInfo>;
  /** Saves the retention policy (refused with `invalid-option` out of bounds) and prunes to it. */
  setRetention(policy: RetentionPolicy): Promise<Result<{ retention: RetentionPolicy }>>;
  /** Every saved dashboard, in name order (validated by the UI, not here). */
  listDashboards(): Promise<DashboardData[]>;
  /** Stores `dashboard` under its id, replacing the one saved before. */
  saveDashboard(dashboard: DashboardData): Promise<void>;
  deleteDashboard(id: string): Promise<void>;
  /** The payload decoder rules in order (validated on read: invalid entries are dropped). */
  loadDecoderRules(): Promise<DecoderRule[]>;
  /** Replaces the decoder rules; refused with `invalid-option` when one is invalid. */
  saveDecoderRules(rules: DecoderRule[]): Promise<Result<{ rules: DecoderRule[] }>>;
}
