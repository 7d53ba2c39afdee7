// The one module that owns the IndexedDB database: its schema, its version and its migrations,
// and the single shared connection (reopened after the browser closes it).
import { openDB } from 'idb';
import { migrateMessagesToSegments } from './migration-v4';
import { countTopicsFromSegments } from './migration-v5';
import {
  CONNECTION_LOG_INDEXES,
  DB_NAME,
  DB_VERSION,
  OUTBOX_INDEXES,
  QOS_INDEXES,
  SEGMENT_INDEXES,
  STORES,
  TOPIC_INDEXES,
} from './schema';
import type { DeckDb, DeckDbSchema, UpgradeTransaction } from './schema';

// The schema lives apart so the migration and the stores can use it without an import cycle.
export * from './schema';

function createSegmentStores(db: DeckDb): void {
  const segments = db.createObjectStore(STORES.segments, { keyPath: 'firstId' });
  segments.createIndex(SEGMENT_INDEXES.byTopic, 'topics', { multiEntry: true });
  segments.createIndex(SEGMENT_INDEXES.byMinTime, 'minTime');
  segments.createIndex(SEGMENT_INDEXES.byMaxTime, 'maxTime');
  const topics = db.createObjectStore(STORES.topics, { keyPath: 'id' });
  topics.createIndex(TOPIC_INDEXES.byName, 'topic', { unique: true });
  db.createObjectStore(STORES.latest, { keyPath: 'bucket' });
  db.createObjectStore(STORES.meta);
}

function createQosStore(db: DeckDb): void {
  const qos = db.createObjectStore(STORES.qos, { keyPath: ['scope', 'seq'] });
  qos.createIndex(QOS_INDEXES.byMessageId, ['scope', 'messageId'], { unique: true });
}

function createOutboxAndDashboards(db: DeckDb): void {
  const outbox = db.createObjectStore(STORES.outbox, { keyPath: 'seq', autoIncrement: true });
  outbox.createIndex(OUTBOX_INDEXES.byConnection, ['connectionId', 'seq']);
  db.createObjectStore(STORES.dashboards, { keyPath: 'id' });
}

function createConnectionLog(db: DeckDb): void {
  const log = db.createObjectStore(STORES.connectionLog, { keyPath: 'seq', autoIncrement: true });
  log.createIndex(CONNECTION_LOG_INDEXES.byTime, 'time');
}

function upgrade(db: DeckDb, oldVersion: number, tx: UpgradeTransaction): void {
  // One step per version, in order, so any older database reaches DB_VERSION.
  if (oldVersion < 1) db.createObjectStore(STORES.settings);
  if (oldVersion < 2) {
    createSegmentStores(db);
    // Version 1 kept one record per message: pack them into segments, then drop that store.
    if (oldVersion === 1) migrateMessagesToSegments(db, tx);
  }
  if (oldVersion < 3) createQosStore(db);
  if (oldVersion < 4) createOutboxAndDashboards(db);
  if (oldVersion < 5) {
    createConnectionLog(db);
    // Version 1's migration above counts while it packs; versions 2-4 are counted from segments.
    if (oldVersion >= 2) countTopicsFromSegments(tx);
  }
}

/** The shared database connection: `db()` gives the open database. */
export type DbConnection = () => Promise<DeckDb>;

/**
 * Returns a function that gives the open database, opening it on first use and again after a
 * failure, or after the browser (or a newer version in another tab) closed the connection.
 */
export function createDbConnection(name = DB_NAME): DbConnection {
  let opening: Promise<DeckDb> | undefined;
  const forget = () => {
    opening = undefined;
  };
  return () => {
    opening ??= openDB<DeckDbSchema>(name, DB_VERSION, {
      upgrade: (db, oldVersion, _newVersion, tx) => upgrade(db, oldVersion, tx),
      blocking: (_current, _next, event) => {
        // A newer version of the app wants to upgrade: step aside, the next use reopens.
        (event.target as IDBDatabase | null)?.close();
        forget();
      },
      terminated: forget,
    }).catch((error: unknown) => {
      forget();
      throw error;
    });
    return opening;
  };
}
