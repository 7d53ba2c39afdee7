// The in-memory copy of the topic dictionary (topic string <-> small integer id): segments store
// ids, queries match a filter against every known topic once (thousands are cheap), not per message.
import { topicMatches } from '../../shared/mqtt/topics';

/** The topics a filter selects: their ids, and a mask indexed by topic id for the hot loops. */
export interface TopicSelection {
  ids: readonly number[];
  mask: Uint8Array;
}

export interface TopicDictionary {
  idOf(topic: string): number | undefined;
  topicOf(id: number): string | undefined;
  /** Records an entry that is committed to the database. */
  add(id: number, topic: string): void;
  /** The next id never handed out by this copy (the database decides for good). */
  nextId(): number;
  size(): number;
  select(filter: string): TopicSelection;
}

const hasWildcard = (filter: string) => filter.includes('+') || filter.includes('#');

export function createTopicDictionary(
  entries: Iterable<{ id: number; topic: string }> = [],
): TopicDictionary {
  const ids = new Map<string, number>();
  const names: (string | undefined)[] = [];
  // The last selection, reused while paging through one filter; a new topic invalidates it.
  let cached: { filter: string; size: number; selection: TopicSelection } | undefined;

  const dictionary: TopicDictionary = {
    idOf: (topic) => ids.get(topic),
    topicOf: (id) => names[id],
    add(id, topic) {
      ids.set(topic, id);
      names[id] = topic;
    },
    nextId: () => names.length,
    size: () => ids.size,
    select(filter) {
      if (cached && cached.filter === filter && cached.size === ids.size) return cached.selection;
      const selected: number[] = [];
      if (hasWildcard(filter)) {
        for (const [topic, id] of ids) if (topicMatches(filter, topic)) selected.push(id);
      } else {
        const id = ids.get(filter);
        if (id !== undefined) selected.push(id);
      }
      const mask = new Uint8Array(names.length);
      for (const id of selected) mask[id] = 1;
      const selection = { ids: selected.sort((a, b) => a - b), mask };
      cached = { filter, size: ids.size, selection };
      return selection;
    },
  };
  for (const { id, topic } of entries) dictionary.add(id, topic);
  return dictionary;
}
