// One page of history from the segment log: visit the candidate segments newest first (a couple
// of reads ahead), keep the messages meeting every condition, and stop when the page is full or
// the call's time budget is spent — then `next` says where to continue, so a search over millions
// of messages never holds the worker for seconds in one call.
import { allSegments, timeSegments, topicSegments } from './history-candidates';
import type { ReadTx } from './history-candidates';
import { prepareQuery } from './history-filter';
import type { PreparedQuery } from './history-filter';
import { STORES } from '../../db/schema';
import type { DeckDb, SegmentRecord } from '../../db/schema';
import { matchingIndexes } from './history-match';
import type { MatchBudget } from './history-match';
import type { HistoryPage, HistoryQuery, MessageSummary } from '../../../shared/protocol';
import { openSegment } from '../../db/segment/segment-codec';
import type { SegmentView } from '../../db/segment/segment-open';
import { summaryAt } from '../../db/segment/segment-read';
import type { TopicDictionary, TopicSelection } from '../topic-dictionary';

/** Past this many matching topics, walking every segment beats merging one cursor per topic. */
const TOPIC_CURSORS_MAX = 16;
/** Segment reads kept in flight once the first segment did not fill the page. */
const READ_AHEAD_SEGMENTS = 3;

export interface QueryContext {
  db: DeckDb;
  dictionary: TopicDictionary;
  topicName(id: number): string;
  /** Time after which a call returns what it has, with `next`; at least one segment is read. */
  budgetMs: number;
  now(): number;
}

export { matchingIndexes } from './history-match';

/** First ids of the segments a query has to open, newest first, by the cheapest index. */
export function candidates(tx: ReadTx, q: PreparedQuery, selection: TopicSelection | undefined) {
  if (q.from > -Infinity || q.to < Infinity) {
    return (async function* () {
      yield* await timeSegments(tx, q.from, q.to, q.before);
    })();
  }
  if (selection && selection.ids.length <= TOPIC_CURSORS_MAX) {
    return topicSegments(tx, selection.ids, q.before);
  }
  return allSegments(tx, q.before);
}

/** Appends to `found` the segment's matches, newest first, until it holds limit + 1. */
function collect(
  ctx: QueryContext,
  q: PreparedQuery,
  selection: TopicSelection | undefined,
  record: SegmentRecord,
  found: MessageSummary[],
  budget: MatchBudget,
): void {
  const view = openSegment(record.data);
  const matches = matchingIndexes(q, selection, record, view, budget);
  if (!matches) return;
  for (let k = matches.length - 1; k >= 0 && found.length <= q.limit; k--) {
    const i = matches[k]!;
    found.push(summaryAt(view, i, ctx.topicName(view.topicIds[i]!)));
  }
}

/** What `scanSegments` hands its visitor: one segment, opened, and its matching messages. */
export interface ScanVisit {
  record: SegmentRecord;
  view: SegmentView;
  /** Indexes into the view, ascending (oldest first within the segment). */
  matches: number[];
  topicName(id: number): string;
}

/**
 * Visits every segment with messages matching `query` (its `before` and `limit` are ignored),
 * oldest first or newest first, one segment read ahead. For export and charts: no time budget;
 * the visitor may await (backpressure) and the scan stops when it returns false or `signal` aborts.
 * Each segment is read in a transaction of its own, so a long scan never holds one open.
 */
export async function scanSegments(
  ctx: Omit<QueryContext, 'budgetMs' | 'now'>,
  query: HistoryQuery,
  order: 'oldest-first' | 'newest-first',
  visit: (segment: ScanVisit) => boolean | void | Promise<boolean | void>,
  signal?: AbortSignal,
): Promise<void> {
  const q = prepareQuery({ ...query, before: undefined, limit: Number.MAX_SAFE_INTEGER });
  if (q.error) throw new Error(q.error.message);
  const selection = q.topicFilter === undefined ? undefined : ctx.dictionary.select(q.topicFilter);
  if (selection && selection.ids.length === 0) return;
  // Keys first (cheap, one short transaction), then each record on its own.
  const keys = await segmentKeys(ctx.db, q, selection);
  if (order === 'oldest-first') keys.reverse();
  const read = (key: number) => ctx.db.get(STORES.segments, key);
  let next = keys.length > 0 ? read(keys[0]!) : undefined;
  for (let k = 0; k < keys.length; k++) {
    signal?.throwIfAborted();
    const record = await next;
    next = k + 1 < keys.length ? read(keys[k + 1]!) : undefined;
    if (!record) continue; // pruned meanwhile
    const view = openSegment(record.data);
    const matches = matchingIndexes(q, selection, record, view);
    if (!matches) continue;
    if ((await visit({ record, view, matches, topicName: ctx.topicName })) === false) break;
  }
  next?.catch(() => undefined);
}

async function segmentKeys(
  db: DeckDb,
  q: PreparedQuery,
  selection: TopicSelection | undefined,
): Promise<number[]> {
  const tx = db.transaction(STORES.segments, 'readonly');
  tx.done.catch(() => undefined);
  const keys: number[] = [];
  for await (const key of candidates(tx, q, selection)) keys.push(key);
  return keys;
}

export async function readSegmentPage(
  ctx: QueryContext,
  query: HistoryQuery,
): Promise<HistoryPage> {
  const q = prepareQuery(query);
  if (q.error) return { messages: [], error: q.error };
  const started = ctx.now();
  const budget: MatchBudget = { expired: () => ctx.now() - started >= ctx.budgetMs };
  if (q.limit === 0) return { messages: [] };
  const selection = q.topicFilter === undefined ? undefined : ctx.dictionary.select(q.topicFilter);
  if (selection && selection.ids.length === 0) return { messages: [] };

  const tx = ctx.db.transaction(STORES.segments, 'readonly');
  const keys = candidates(tx, q, selection);
  const reads: Promise<SegmentRecord | undefined>[] = [];
  const found: MessageSummary[] = [];
  let readAhead = 1;
  let exhausted = false;
  let resumeAt: number | undefined;
  try {
    for (;;) {
      while (!exhausted && reads.length < readAhead) {
        const key = await keys.next();
        if (key.done) exhausted = true;
        else reads.push(tx.store.get(key.value));
      }
      const record = await reads.shift();
      if (!record) {
        if (exhausted && reads.length === 0) break;
        continue;
      }
      collect(ctx, q, selection, record, found, budget);
      if (found.length > q.limit) break;
      if (budget.resumeBefore !== undefined) {
        resumeAt = budget.resumeBefore; // the budget ran out inside this segment
        break;
      }
      readAhead = READ_AHEAD_SEGMENTS;
      if (budget.expired() && !(exhausted && reads.length === 0)) {
        resumeAt = record.firstId;
        break;
      }
    }
  } finally {
    // Reads started ahead and not needed any more settle on their own; nobody waits for them.
    for (const read of reads) read.catch(() => undefined);
    await keys.return(undefined);
  }
  // A read-only transaction commits by itself; its outcome is already in the reads above.
  tx.done.catch(() => undefined);

  if (found.length > q.limit) {
    const messages = found.slice(0, q.limit);
    return { messages, next: messages[messages.length - 1]!.id };
  }
  return resumeAt === undefined ? { messages: found } : { messages: found, next: resumeAt };
}
