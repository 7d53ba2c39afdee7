// A history query prepared once per call: topic filter, payload text as UTF-8 bytes, time range
// and id position. The same conditions decide for stored segments and for messages not yet written.
import { topicMatches } from './mqtt-topics';
import { payloadContains, toNeedle } from './payload-search';
import type { Needle } from './payload-search';
import type { HistoryQuery, StoredMessage } from './protocol';

export interface PreparedQuery {
  topicFilter: string | undefined;
  needle: Needle | undefined;
  /** Inclusive time range, ms since the epoch; -Infinity / Infinity when open. */
  from: number;
  to: number;
  /** Only ids below this one. */
  before: number;
  limit: number;
}

export function prepareQuery(query: HistoryQuery): PreparedQuery {
  const topicFilter = query.topicFilter || undefined;
  const needle = query.text ? toNeedle(query.text) : undefined;
  const from = query.from ?? -Infinity;
  const to = query.to ?? Infinity;
  return {
    topicFilter,
    needle,
    from,
    to,
    before: query.before ?? Infinity,
    limit: Math.max(0, Math.floor(query.limit)),
  };
}

/** Whether a message in memory belongs to the query's results. */
export function matchesMessage(q: PreparedQuery, m: StoredMessage): boolean {
  return (
    m.id < q.before &&
    m.time >= q.from &&
    m.time <= q.to &&
    (q.topicFilter === undefined || topicMatches(q.topicFilter, m.topic)) &&
    (q.needle === undefined || payloadContains(m.payload, q.needle))
  );
}
