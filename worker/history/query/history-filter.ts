// A history query prepared once per call: topic filter, payload text (UTF-8 bytes for the fast
// case-sensitive substring, else a regular expression), flags, time range and id position. The
// same conditions decide for stored segments and for messages not yet written (matchesMessage).
import { topicMatches, validateTopicFilter } from '../../../shared/mqtt/topics';
import { payloadContains, toNeedle } from './payload-search';
import type { Needle } from './payload-search';
import type { DeckError, HistoryQuery, StoredMessage } from '../../../shared/protocol';
import {
  FLAG_PUBLISHED,
  FLAG_QOS_MASK,
  FLAG_RETAIN,
  messageFlags,
} from '../../db/segment/segment-layout';

/**
 * A regular expression (or a case-insensitive substring) is matched on the payload decoded as
 * UTF-8 text, only its first 64 KiB: the decode and the match cost per byte, and a search over
 * millions of messages must stay bounded. A case-sensitive substring searches every byte.
 */
export const TEXT_SEARCH_MAX_BYTES = 64 * 1024;

/** The four flag bits (QoS, retain, published) a message can have: 16 combinations. */
const FLAG_COMBINATIONS = 16;

export interface PreparedQuery {
  topicFilter: string | undefined;
  /** Case-sensitive substring: searched in the raw bytes. */
  needle: Needle | undefined;
  /** Regular expression or case-insensitive substring: tested on the decoded text. */
  pattern: RegExp | undefined;
  /** Which flag bytes (masked to 4 bits) pass the direction, QoS and retained conditions. */
  flagOk: Uint8Array | undefined;
  /** Inclusive time range, ms since the epoch; -Infinity / Infinity when open. */
  from: number;
  to: number;
  /** Only ids below this one. */
  before: number;
  limit: number;
  /** The query cannot run (a bad filter or expression): it matches nothing. */
  error?: DeckError;
}

const invalid = (message: string): DeckError => ({ code: 'invalid-option', message });
const invalidTopic = (why: string): DeckError => ({
  code: 'invalid-topic',
  message: `The topic filter is not valid: ${why}`,
});

function compile(query: HistoryQuery): RegExp | DeckError | undefined {
  const text = query.text;
  if (!text || (!query.regex && !query.ignoreCase)) return undefined;
  const source = query.regex ? text : text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  try {
    return new RegExp(source, query.ignoreCase ? 'iu' : 'u');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return invalid(`The regular expression does not compile: ${why}.`);
  }
}

function flagTable(query: HistoryQuery): Uint8Array | DeckError | undefined {
  const { direction, qos, retained } = query;
  if (direction !== undefined && direction !== 'received' && direction !== 'published') {
    return invalid(`Direction must be "received" or "published", not "${String(direction)}".`);
  }
  const levels = qos && qos.length > 0 ? qos : undefined;
  if (levels?.some((level) => level !== 0 && level !== 1 && level !== 2)) {
    return invalid('QoS levels must be 0, 1 or 2.');
  }
  if (direction === undefined && levels === undefined && retained === undefined) return undefined;
  const table = new Uint8Array(FLAG_COMBINATIONS);
  for (let flags = 0; flags < FLAG_COMBINATIONS; flags++) {
    const published = (flags & FLAG_PUBLISHED) !== 0;
    const ok =
      (direction === undefined || published === (direction === 'published')) &&
      (levels === undefined || levels.includes((flags & FLAG_QOS_MASK) as 0 | 1 | 2)) &&
      (retained === undefined || ((flags & FLAG_RETAIN) !== 0) === retained);
    table[flags] = ok ? 1 : 0;
  }
  return table;
}

export function prepareQuery(query: HistoryQuery): PreparedQuery {
  const topicFilter = query.topicFilter || undefined;
  const pattern = compile(query);
  const flagOk = flagTable(query);
  const filterError = topicFilter === undefined ? null : validateTopicFilter(topicFilter);
  const prepared: PreparedQuery = {
    topicFilter,
    needle: query.text && !query.regex && !query.ignoreCase ? toNeedle(query.text) : undefined,
    pattern: pattern instanceof RegExp ? pattern : undefined,
    flagOk: flagOk instanceof Uint8Array ? flagOk : undefined,
    from: query.from ?? -Infinity,
    to: query.to ?? Infinity,
    before: query.before ?? Infinity,
    limit: Math.max(0, Math.floor(query.limit)),
  };
  const error =
    (filterError === null ? undefined : invalidTopic(filterError)) ??
    (pattern instanceof RegExp ? undefined : pattern) ??
    (flagOk instanceof Uint8Array ? undefined : flagOk);
  if (error) prepared.error = error;
  return prepared;
}

/** True when the query has no condition beyond its position: every message matches. */
export const matchesAll = (q: PreparedQuery): boolean =>
  q.topicFilter === undefined && onlyTopics(q);

/** True when nothing but the topic filter (if any) and the position decides. */
export function onlyTopics(q: PreparedQuery): boolean {
  return (
    !q.error && !q.needle && !q.pattern && !q.flagOk && q.from === -Infinity && q.to === Infinity
  );
}

const utf8 = new TextDecoder(); // not fatal: a payload that is not UTF-8 is still searched

/** The text a pattern is tested on: the payload's first TEXT_SEARCH_MAX_BYTES, decoded. */
export function searchText(payload: Uint8Array): string {
  const end = Math.min(payload.byteLength, TEXT_SEARCH_MAX_BYTES);
  return utf8.decode(end === payload.byteLength ? payload : payload.subarray(0, end));
}

/** Whether a message in memory belongs to the query's results. */
export function matchesMessage(q: PreparedQuery, m: StoredMessage): boolean {
  return (
    !q.error &&
    m.id < q.before &&
    m.time >= q.from &&
    m.time <= q.to &&
    (q.flagOk === undefined || q.flagOk[messageFlags(m)] === 1) &&
    (q.topicFilter === undefined || topicMatches(q.topicFilter, m.topic)) &&
    (q.needle === undefined || payloadContains(m.payload, q.needle)) &&
    (q.pattern === undefined || q.pattern.test(searchText(m.payload)))
  );
}
