// Version 4 -> 5: the `latest` store learns how many messages and payload bytes each topic holds,
// counted once from the segments (their topic id and payload end columns) inside the upgrade
// transaction, and the `connectionLog` store is created (database.ts).
import { STORES } from './schema';
import type { UpgradeTransaction } from './schema';
import { CorruptSegmentError, openSegment } from './segment/segment-codec';
import { topicAmounts } from './segment/segment-read';

// A failed write aborts the upgrade transaction, which openDB reports; the request itself is moot.
const quiet = (request: Promise<unknown>) => void request.catch(() => undefined);

export function countTopicsFromSegments(tx: UpgradeTransaction): void {
  // Any failure aborts the upgrade: the database stays at version 4 for the next try.
  countTopics(tx).catch(() => {
    try {
      tx.abort();
    } catch {
      // already aborted: openDB rejects with the cause
    }
  });
}

async function countTopics(tx: UpgradeTransaction): Promise<void> {
  const amounts = new Map<number, { count: number; bytes: number }>();
  // One segment at a time: a cursor holds one record (up to a few MiB) in memory, not all of them.
  let cursor = await tx.objectStore(STORES.segments).openCursor();
  while (cursor) {
    try {
      topicAmounts(openSegment(cursor.value.data), amounts);
    } catch (error) {
      // A damaged segment cannot be counted; its messages are unreadable anyway.
      if (!(error instanceof CorruptSegmentError)) throw error;
    }
    cursor = await cursor.continue();
  }
  const latest = tx.objectStore(STORES.latest);
  for (const bucket of await latest.getAll()) {
    const entries = bucket.entries.map((entry) => {
      const amount = amounts.get(entry.topicId);
      return { ...entry, count: amount?.count ?? 0, bytes: amount?.bytes ?? 0 };
    });
    quiet(latest.put({ ...bucket, entries }));
  }
}
