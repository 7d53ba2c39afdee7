// Which message each bound topic shows, per event batch: the newest match only, found by one
// scan from the newest message that stops as soon as every bound topic has one. A burst of
// thousands of messages costs a dashboard a few lookups, not a parse per message.
import { topicMatches } from '../../shared/mqtt/topics';
import type { MessageSummary } from '../../shared/protocol';

export interface TopicBinding {
  /** Topic names bound exactly: one map lookup per message. */
  exact: Set<string>;
  /** Filters with wildcards: matched against each message until every one is found. */
  filters: string[];
}

export function bindTopics(keys: Iterable<string>): TopicBinding {
  const exact = new Set<string>();
  const filters = new Set<string>();
  for (const key of keys) (key.includes('+') || key.includes('#') ? filters : exact).add(key);
  return { exact, filters: [...filters] };
}

/**
 * The newest message of `messages` (oldest first, as batches come) for each bound key. The
 * result holds at most one message per key; the scan ends once every key has one.
 */
export function newestPerKey(
  messages: readonly MessageSummary[],
  binding: TopicBinding,
): Map<string, MessageSummary> {
  const found = new Map<string, MessageSummary>();
  const wanted = binding.exact.size + binding.filters.length;
  for (let i = messages.length - 1; i >= 0 && found.size < wanted; i--) {
    const message = messages[i]!;
    if (binding.exact.has(message.topic) && !found.has(message.topic)) {
      found.set(message.topic, message);
    }
    for (const filter of binding.filters) {
      if (!found.has(filter) && topicMatches(filter, message.topic)) found.set(filter, message);
    }
  }
  return found;
}
