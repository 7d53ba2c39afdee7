// What the topic tree and the Storage section read about topics: per topic its message count,
// payload bytes and newest message (the `latest` store, kept by each append and prune), and the
// same summed per first topic level. One read of a few records, whatever history holds.
import { STORES } from '../db/schema';
import type { DeckDb, LatestRecord } from '../db/schema';
import { TOPIC_PREVIEW_BYTES } from '../../shared/protocol';
import type { TopicStat, TopLevelUsage } from '../../shared/protocol';

async function latestEntries(db: DeckDb): Promise<LatestRecord[]> {
  const buckets = await db.getAll(STORES.latest);
  return buckets.flatMap((bucket) => bucket.entries);
}

/** Messages stored on the topics a selection's mask marks (one read of the `latest` store). */
export async function countTopics(db: DeckDb, mask: Uint8Array): Promise<number> {
  let count = 0;
  for (const entry of await latestEntries(db)) {
    if (mask[entry.topicId] === 1) count += entry.count ?? 0;
  }
  return count;
}

export function toTopicStat(entry: LatestRecord): TopicStat {
  return {
    topic: entry.topic,
    count: entry.count ?? 0,
    bytes: entry.bytes ?? 0,
    lastId: entry.id,
    lastTime: entry.time,
    retain: entry.retain,
    qos: entry.qos,
    size: entry.size,
    preview: entry.preview.slice(0, TOPIC_PREVIEW_BYTES),
  };
}

/** Every topic with messages stored, sorted by topic name. */
export async function readTopicStats(db: DeckDb): Promise<TopicStat[]> {
  const stats = (await latestEntries(db)).filter((e) => (e.count ?? 0) > 0).map(toTopicStat);
  return stats.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

/** The first level of a topic: '' for one that starts with '/'. */
export const topLevelOf = (topic: string): string => {
  const slash = topic.indexOf('/');
  return slash < 0 ? topic : topic.slice(0, slash);
};

/** Messages and payload bytes per first topic level, the largest (by bytes) first. */
export async function readTopLevelUsage(db: DeckDb): Promise<TopLevelUsage[]> {
  const levels = new Map<string, TopLevelUsage>();
  for (const entry of await latestEntries(db)) {
    const level = topLevelOf(entry.topic);
    const usage = levels.get(level) ?? { level, messages: 0, bytes: 0 };
    usage.messages += entry.count ?? 0;
    usage.bytes += entry.bytes ?? 0;
    levels.set(level, usage);
  }
  return [...levels.values()]
    .filter((usage) => usage.messages > 0)
    .sort((a, b) => b.bytes - a.bytes || b.messages - a.messages);
}
