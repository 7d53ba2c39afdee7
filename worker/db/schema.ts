// The shape of the IndexedDB database: store and index names, record types, the typed schema.
// Every name here is on disk in users' browsers: renaming one needs a migration in database.ts.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type {
  CaptureInfo,
  ConnectionLogEntry,
  ConnectionProfile,
  DecoderRule,
  MessageSummary,
  OutboxEntry,
  PayloadTemplate,
  PublishOptions,
  RetentionPolicy,
  SavedProfile,
} from '../../shared/protocol';

export const DB_NAME = 'mqtt-deck';
export const DB_VERSION = 5;

// These names are on disk in every user's browser: renaming one needs a migration in upgrade().
export const STORES = {
  settings: 'settings',
  /** Packed messages, one record per segment, keyed by the segment's first message id. */
  segments: 'segments',
  /** Topic string <-> small integer id. */
  topics: 'topics',
  /** The newest message of each topic, LATEST_BUCKET_TOPICS topics to a record. */
  latest: 'latest',
  /** Running totals, kept in the same transaction as each segment append. */
  meta: 'meta',
  /** mqtt.js's in-flight QoS 1/2 packets, both directions, every client id (version 3). */
  qos: 'qos',
  /** The user's own publishes, queued until the broker acknowledged them (version 4). */
  outbox: 'outbox',
  /** Saved dashboards, one record each (version 4). */
  dashboards: 'dashboards',
  /** Connections made, lost and refused, for the explorer's timeline (version 5). */
  connectionLog: 'connectionLog',
} as const;

/** Version 1 kept one record per message here; upgrade() packs them into segments. */
export const LEGACY_MESSAGES_STORE = 'messages';

export const SEGMENT_INDEXES = {
  /** multiEntry over `topics`: the segments holding a topic, newest last. */
  byTopic: 'byTopic',
  /** The earliest and latest receive time in a segment, for time-range queries. */
  byMinTime: 'byMinTime',
  byMaxTime: 'byMaxTime',
} as const;

export const TOPIC_INDEXES = { byName: 'byName' } as const;

export const TOTALS_KEY = 'totals';

export const CONNECTION_LOG_INDEXES = { byTime: 'byTime' } as const;

/** A connection log entry as stored: `seq` is given by the store (autoIncrement). */
export type ConnectionLogRecord = Omit<ConnectionLogEntry, 'seq'> & { seq?: number };

export const OUTBOX_INDEXES = {
  /** [connectionId, seq]: one connection's outbox in publish order. */
  byConnection: 'byConnection',
} as const;

/**
 * One outgoing message: what the UI lists, plus the whole payload and the MQTT 5 properties to
 * send (a replay after a restart sends them again; `responseTopic`, `correlationData` are the
 * entry's). A topic alias is only ever used on the connection it was first sent on.
 */
export interface OutboxRecord
  extends
    OutboxEntry,
    Pick<
      PublishOptions,
      | 'userProperties'
      | 'contentType'
      | 'payloadFormatIndicator'
      | 'messageExpiryIntervalS'
      | 'topicAlias'
    > {
  payload: Uint8Array;
}

/** A dashboard as stored; its shape belongs to the dashboard module, which validates it on read. */
export interface DashboardRecord {
  id: string;
  [field: string]: unknown;
}

/**
 * What the settings store holds, by key. Each value is validated where it is read: an older or
 * newer version of the app may have written it.
 */
export interface SettingsRecords {
  lastProfile: ConnectionProfile;
  /** The history retention policy (history-retention-policy.ts reads it field by field). */
  retention: RetentionPolicy;
  /** Payload decoder rules (decoder-rules-store.ts validates them on read). */
  decoders: DecoderRule[];
  /** Imported captures (captures.ts validates them on read). */
  captures: CaptureInfo[];
  /** Saved connection profiles in the user's order (profiles-store.ts validates them on read). */
  profiles: SavedProfile[];
  /** Saved payloads by saved profile key (templates-store.ts validates them on read). */
  templates: Record<string, PayloadTemplate[]>;
}

export const QOS_INDEXES = {
  /** [scope, messageId], unique: mqtt.js finds packets by id, replay goes by sequence. */
  byMessageId: 'byMessageId',
} as const;

/** [scope, seq]: a scope is one direction of one client id on one broker. */
export type QosRecordKey = [string, number];

/** An incoming QoS 2 record released by storing the message with history id `id`. */
export interface QosRelease {
  key: QosRecordKey;
  id: number;
}

/** One in-flight packet; `seq` rises in put order, so replay keeps publish order across id wrap. */
export interface QosRecord {
  scope: string;
  seq: number;
  messageId: number;
  /** The mqtt-packet object as structured clone keeps it (Buffers become Uint8Arrays). */
  packet: object;
}

/** One segment: a packed ArrayBuffer (segment-layout.ts) and what the indexes need about it. */
export interface SegmentRecord {
  firstId: number;
  lastId: number;
  count: number;
  minTime: number;
  maxTime: number;
  /** Sum of the payload sizes. */
  bytes: number;
  /** Distinct topic ids of the messages it holds. */
  topics: number[];
  data: ArrayBuffer;
}

export interface TopicRecord {
  id: number;
  topic: string;
}

/**
 * The newest message of a topic, with how many messages and payload bytes the topic holds
 * (version 5; kept by each append and each prune in their transactions).
 */
export type LatestRecord = MessageSummary & { topicId: number; count: number; bytes: number };

/**
 * Topics whose latest values share one record. Each record written costs the browser's storage
 * process about as much as a whole segment, so a batch touching 100 topics writes 2 records, not 100.
 */
export const LATEST_BUCKET_TOPICS = 64;

export interface LatestBucket {
  /** floor(topicId / LATEST_BUCKET_TOPICS) */
  bucket: number;
  entries: LatestRecord[];
}

export interface HistoryTotals {
  messages: number;
  bytes: number;
  segments: number;
  lastId: number;
}

export interface DeckDbSchema extends DBSchema {
  [STORES.settings]: {
    key: keyof SettingsRecords;
    value: SettingsRecords[keyof SettingsRecords];
  };
  [STORES.segments]: {
    key: number;
    value: SegmentRecord;
    indexes: {
      [SEGMENT_INDEXES.byTopic]: number;
      [SEGMENT_INDEXES.byMinTime]: number;
      [SEGMENT_INDEXES.byMaxTime]: number;
    };
  };
  [STORES.topics]: { key: number; value: TopicRecord; indexes: { [TOPIC_INDEXES.byName]: string } };
  [STORES.latest]: { key: number; value: LatestBucket };
  [STORES.meta]: { key: typeof TOTALS_KEY; value: HistoryTotals };
  [STORES.qos]: {
    key: QosRecordKey;
    value: QosRecord;
    indexes: { [QOS_INDEXES.byMessageId]: [string, number] };
  };
  [STORES.outbox]: {
    key: number;
    value: OutboxRecord;
    indexes: { [OUTBOX_INDEXES.byConnection]: [string, number] };
  };
  [STORES.dashboards]: { key: string; value: DashboardRecord };
  [STORES.connectionLog]: {
    key: number;
    value: ConnectionLogRecord;
    indexes: { [CONNECTION_LOG_INDEXES.byTime]: number };
  };
}

export type DeckDb = IDBPDatabase<DeckDbSchema>;
export type HistoryStoreName = StoreNames<DeckDbSchema>;
export type UpgradeTransaction = IDBPTransaction<DeckDbSchema, HistoryStoreName[], 'versionchange'>;
