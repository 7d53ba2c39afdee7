// The Storage section's figures in one answer: the origin's usage and quota, history's own
// totals, the oldest message kept, the retention policy and the writer's current error.
import type { DeckDb } from '../db/schema';
import type { Retention } from './retention/history-retention';
import { oldestTime } from './retention/history-retention-prune';
import type { HistoryStore } from './history-store';
import type { HistoryWriter } from './history-writer';
import type { StorageInfo } from '../../shared/protocol';

export interface StorageInfoDeps {
  db: () => Promise<DeckDb>;
  store: HistoryStore;
  writer: HistoryWriter;
  retention: Retention;
}

export async function readStorageInfo(deps: StorageInfoDeps): Promise<StorageInfo> {
  const status = await deps.retention.status();
  const info: StorageInfo = { messages: 0, bytes: 0, segments: 0, ...status };
  try {
    const [totals, oldest] = await Promise.all([deps.store.totals(), deps.db().then(oldestTime)]);
    info.messages = totals.messages;
    info.bytes = totals.bytes;
    info.segments = totals.segments;
    if (oldest !== undefined) info.oldestTime = oldest;
  } catch {
    // No database: the writer's error says why; the browser's own figures still show.
  }
  const error = deps.writer.error();
  if (error) info.error = error;
  return info;
}
