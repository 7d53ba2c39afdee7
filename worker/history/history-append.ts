// Appends a batch to the segment log in ONE readwrite transaction: new topics get ids, the batch
// becomes one or more segments, the latest value of each topic and the running totals follow.
import { STORES, TOPIC_INDEXES, TOTALS_KEY } from '../db/schema';
import type { IDBPTransaction } from 'idb';
import type { DeckDb, DeckDbSchema, HistoryTotals, QosRelease } from '../db/schema';
import type { StoredMessage } from '../../shared/protocol';
import {
  buildSegment,
  latestByBucket,
  latestOfBatch,
  mergeLatest,
  segmentEnds,
} from '../db/segment/segment-plan';
import type { TopicDictionary } from './topic-dictionary';

export const EMPTY_TOTALS: HistoryTotals = { messages: 0, bytes: 0, segments: 0, lastId: 0 };

const APPEND_STORES = [STORES.segments, STORES.topics, STORES.latest, STORES.meta] as const;
// A batch that releases incoming QoS 2 packets deletes them in its own transaction: stored and
// released together or not at all. A message whose record is already gone was stored by an
// earlier batch (a PUBREL redelivered after a reconnect that read the record before that batch
// committed): it is not stored again.
const RELEASE_STORES = [...APPEND_STORES, STORES.qos] as const;
type AppendTx = IDBPTransaction<DeckDbSchema, typeof APPEND_STORES, 'readwrite'>;
type ReleaseTx = IDBPTransaction<DeckDbSchema, typeof RELEASE_STORES, 'readwrite'>;
type Track = <T>(request: Promise<T>) => Promise<T>;

/**
 * Writes `messages` (ids increasing) and resolves with how many were written once the
 * transaction committed. Topic ids it
 * allocates enter `dictionary` only then, so a failed append leaves the cache as it was.
 */
export async function appendMessages(
  db: DeckDb,
  dictionary: TopicDictionary,
  messages: readonly StoredMessage[],
  durability: IDBTransactionDurability,
  releases: readonly QosRelease[] = [],
): Promise<number> {
  if (messages.length === 0 && releases.length === 0) return 0;
  const tx =
    releases.length > 0
      ? db.transaction(RELEASE_STORES, 'readwrite', { durability })
      : db.transaction(APPEND_STORES, 'readwrite', { durability });
  const requests: Promise<unknown>[] = [tx.done];
  // Every request promise is awaited with tx.done, so an abort (quota!) rejects exactly once.
  const track = <T>(request: Promise<T>) => {
    requests.push(request);
    return request;
  };
  try {
    const fresh =
      releases.length > 0 ? await releaseRecords(tx as ReleaseTx, messages, releases) : messages;
    const added =
      fresh.length > 0 ? await writeBatch(tx as AppendTx, dictionary, fresh, track) : undefined;
    await Promise.all(requests);
    for (const [topic, id] of added ?? []) dictionary.add(id, topic);
    return fresh.length;
  } catch (error) {
    // A mistake of ours (say, ids out of order) must not leave half a batch: abort it all.
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    void Promise.allSettled(requests);
    throw error;
  }
}

/** Deletes the released records; returns `messages` without those already stored once. */
async function releaseRecords(
  tx: ReleaseTx,
  messages: readonly StoredMessage[],
  releases: readonly QosRelease[],
): Promise<readonly StoredMessage[]> {
  const qos = tx.objectStore(STORES.qos);
  const present = await Promise.all(releases.map(({ key }) => qos.getKey(key)));
  const seen = new Set<string>();
  const stored = new Set<number>();
  releases.forEach(({ key, id }, i) => {
    const name = `${key[0]}\u0000${key[1]}`;
    if (present[i] === undefined || seen.has(name)) stored.add(id);
    seen.add(name);
  });
  await Promise.all(releases.map(({ key }) => qos.delete(key)));
  return stored.size === 0 ? messages : messages.filter((m) => !stored.has(m.id));
}

async function writeBatch(
  tx: AppendTx,
  dictionary: TopicDictionary,
  messages: readonly StoredMessage[],
  track: Track,
): Promise<Map<string, number> | undefined> {
  const totalsRequest = track(tx.objectStore(STORES.meta).get(TOTALS_KEY));

  const topicIds = new Uint32Array(messages.length);
  const unknown = new Set<string>();
  for (let i = 0; i < messages.length; i++) {
    const id = dictionary.idOf(messages[i]!.topic);
    if (id === undefined) unknown.add(messages[i]!.topic);
    else topicIds[i] = id;
  }
  const added = unknown.size > 0 ? await allocateTopics(tx, dictionary, unknown, track) : undefined;
  if (added) {
    for (let i = 0; i < messages.length; i++) {
      const id = added.get(messages[i]!.topic);
      if (id !== undefined) topicIds[i] = id;
    }
  }

  const segments = tx.objectStore(STORES.segments);
  let start = 0;
  let bytes = 0;
  const ends = segmentEnds(messages);
  for (const end of ends) {
    const record = buildSegment(messages, topicIds, start, end);
    bytes += record.bytes;
    // add, not put: a segment already stored under this first id is never overwritten.
    track(segments.add(record));
    start = end;
  }
  const latest = tx.objectStore(STORES.latest);
  const buckets = latestByBucket(latestOfBatch(messages, topicIds));
  const stored = await Promise.all([...buckets.keys()].map((bucket) => track(latest.get(bucket))));
  [...buckets].forEach(([bucket, records], i) => {
    track(latest.put(mergeLatest(bucket, stored[i], records)));
  });

  const totals = (await totalsRequest) ?? EMPTY_TOTALS;
  track(
    tx.objectStore(STORES.meta).put(
      {
        messages: totals.messages + messages.length,
        bytes: totals.bytes + bytes,
        segments: totals.segments + ends.length,
        lastId: Math.max(totals.lastId, messages[messages.length - 1]!.id),
      },
      TOTALS_KEY,
    ),
  );
  return added;
}

/** Ids for topics this copy of the dictionary does not know: another tab may have added them. */
async function allocateTopics(
  tx: AppendTx,
  dictionary: TopicDictionary,
  topics: Set<string>,
  track: Track,
): Promise<Map<string, number>> {
  const store = tx.objectStore(STORES.topics);
  const byName = store.index(TOPIC_INDEXES.byName);
  const names = [...topics];
  const [existing, newest] = await Promise.all([
    Promise.all(names.map((topic) => track(byName.getKey(topic)))),
    track(store.openKeyCursor(null, 'prev')),
  ]);
  let next = Math.max(dictionary.nextId(), (newest?.key ?? -1) + 1);
  const ids = new Map<string, number>();
  names.forEach((topic, i) => {
    let id = existing[i];
    if (id === undefined) {
      id = next++;
      track(store.add({ id, topic }));
    }
    ids.set(topic, id);
  });
  return ids;
}
