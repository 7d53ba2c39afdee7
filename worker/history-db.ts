// The one module that owns the IndexedDB database: its schema, its version and its migrations,
// and the single shared connection (reopened after the browser closes it).
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { ConnectionProfile, StoredMessage } from './protocol';

export const DB_NAME = 'mqtt-deck';
export const DB_VERSION = 1;

// These names are on disk in every user's browser: renaming one needs a migration in upgrade().
export const STORES = {
  messages: 'messages',
  settings: 'settings',
} as const;

export const MESSAGE_INDEXES = {
  /** [topic, id]: one topic's messages in id order, and each distinct topic once. */
  byTopic: 'byTopic',
} as const;

export interface DeckDbSchema extends DBSchema {
  [STORES.messages]: {
    key: number;
    value: StoredMessage;
    indexes: { [MESSAGE_INDEXES.byTopic]: [string, number] };
  };
  [STORES.settings]: {
    key: 'lastProfile';
    value: ConnectionProfile;
  };
}

export type DeckDb = IDBPDatabase<DeckDbSchema>;

function upgrade(db: DeckDb, oldVersion: number): void {
  // One case per version step, falling through, so any older database reaches DB_VERSION.
  switch (oldVersion) {
    case 0: {
      const messages = db.createObjectStore(STORES.messages, { keyPath: 'id' });
      messages.createIndex(MESSAGE_INDEXES.byTopic, ['topic', 'id']);
      db.createObjectStore(STORES.settings);
    }
  }
}

/**
 * Returns a function that gives the open database, opening it on first use and again after a
 * failure, or after the browser (or a newer version in another tab) closed the connection.
 */
export function createDbConnection(name = DB_NAME): () => Promise<DeckDb> {
  let opening: Promise<DeckDb> | undefined;
  const forget = () => {
    opening = undefined;
  };
  return () => {
    opening ??= openDB<DeckDbSchema>(name, DB_VERSION, {
      upgrade: (db, oldVersion) => upgrade(db, oldVersion),
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
