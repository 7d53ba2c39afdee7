// Version 1 -> 2: packs the one-record-per-message store into segments inside the upgrade
// transaction (only IndexedDB is awaited there), builds the topic dictionary, latest values and
// totals, then deletes the old store. Unreadable old records are skipped, not fatal.
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { LEGACY_MESSAGES_STORE, STORES, TOTALS_KEY } from './schema';
import type { DeckDb, HistoryTotals, LatestRecord, UpgradeTransaction } from './schema';
import { encodeProperties } from './segment/properties-codec';
import type { MessageProperties, StoredMessage } from '../../shared/protocol';
import {
  buildSegment,
  combineLatest,
  latestByBucket,
  latestOfBatch,
  mergeLatest,
  segmentEnds,
} from './segment/segment-plan';

/** Old messages read before each write; the batch is then cut into segments as the writer would. */
const MIGRATION_BATCH_MESSAGES = 2_000;

// A failed write aborts the upgrade transaction, which openDB reports; the request itself is moot.
const quiet = (request: Promise<unknown>) => void request.catch(() => undefined);

function bytesOf(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

function propertiesOf(value: unknown): MessageProperties | undefined {
  if (!value || typeof value !== 'object') return undefined;
  try {
    encodeProperties(value as MessageProperties); // what cannot be packed is dropped, not fatal
    return value as MessageProperties;
  } catch {
    return undefined;
  }
}

/** A version-1 record as a message, or undefined when it is not one. */
export function legacyMessage(value: unknown): StoredMessage | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const r = value as Record<string, unknown>;
  const payload = bytesOf(r.payload);
  if (typeof r.id !== 'number' || !Number.isFinite(r.id) || typeof r.topic !== 'string') {
    return undefined;
  }
  if (!payload) return undefined;
  const qos = r.qos === 1 || r.qos === 2 ? r.qos : 0;
  const message: StoredMessage = {
    id: r.id,
    connectionId: typeof r.connectionId === 'string' ? r.connectionId : '',
    topic: r.topic,
    qos,
    retain: r.retain === true,
    time: typeof r.time === 'number' && Number.isFinite(r.time) ? r.time : 0,
    size: payload.byteLength,
    payload,
  };
  const properties = propertiesOf(r.properties);
  if (properties) message.properties = properties;
  return message;
}

export function migrateMessagesToSegments(db: DeckDb, tx: UpgradeTransaction): void {
  const loose = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
  if (!loose.objectStoreNames.contains(LEGACY_MESSAGES_STORE)) return;
  // Any failure aborts the upgrade: the database stays at version 1, whole, for the next try.
  copyLegacyMessages(loose, tx)
    .then(() => (db as unknown as IDBPDatabase<unknown>).deleteObjectStore(LEGACY_MESSAGES_STORE))
    .catch(() => {
      try {
        loose.abort();
      } catch {
        // already aborted: openDB rejects with the cause
      }
    });
}

async function copyLegacyMessages(
  loose: IDBPTransaction<unknown, string[], 'versionchange'>,
  tx: UpgradeTransaction,
): Promise<void> {
  const topicIds = new Map<string, number>();
  const latest = new Map<number, LatestRecord>();
  const totals: HistoryTotals = { messages: 0, bytes: 0, segments: 0, lastId: 0 };
  let batch: StoredMessage[] = [];

  const flush = () => {
    if (batch.length === 0) return;
    const ids = batch.map((m) => {
      let id = topicIds.get(m.topic);
      if (id === undefined) {
        id = topicIds.size;
        topicIds.set(m.topic, id);
        quiet(tx.objectStore(STORES.topics).add({ id, topic: m.topic }));
      }
      return id;
    });
    let start = 0;
    for (const end of segmentEnds(batch)) {
      const record = buildSegment(batch, ids, start, end);
      quiet(tx.objectStore(STORES.segments).add(record));
      totals.bytes += record.bytes;
      totals.segments += 1;
      start = end;
    }
    for (const record of latestOfBatch(batch, ids)) {
      latest.set(record.topicId, combineLatest(latest.get(record.topicId), record));
    }
    totals.messages += batch.length;
    totals.lastId = batch[batch.length - 1]?.id ?? totals.lastId;
    batch = [];
  };

  // getAll in key ranges: a cursor step per record would cost a round trip each.
  const legacy = loose.objectStore(LEGACY_MESSAGES_STORE);
  let range: IDBKeyRange | null = null;
  for (;;) {
    const [records, keys] = await Promise.all([
      legacy.getAll(range, MIGRATION_BATCH_MESSAGES),
      legacy.getAllKeys(range, MIGRATION_BATCH_MESSAGES),
    ]);
    for (const record of records) {
      const message = legacyMessage(record);
      if (message) batch.push(message);
    }
    flush();
    const last = keys[keys.length - 1];
    if (keys.length < MIGRATION_BATCH_MESSAGES || last === undefined) break;
    range = IDBKeyRange.lowerBound(last, true);
  }
  for (const [bucket, records] of latestByBucket(latest.values())) {
    quiet(tx.objectStore(STORES.latest).put(mergeLatest(bucket, undefined, records)));
  }
  await tx.objectStore(STORES.meta).put(totals, TOTALS_KEY);
}
