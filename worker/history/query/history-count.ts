// Counts the messages matching a query in bounded steps, like a page: newest segments first, a
// segment wholly inside the conditions counted from its record alone, the rest opened and matched
// by matchingIndexes; when the time budget is spent the count so far comes back with `next`.
import { prepareQuery } from './history-filter';
import type { PreparedQuery } from './history-filter';
import { matchingIndexes } from './history-match';
import type { MatchBudget } from './history-match';
import { candidates } from './history-query';
import type { QueryContext } from './history-query';
import { STORES } from '../../db/schema';
import type { SegmentRecord } from '../../db/schema';
import type { HistoryCount, HistoryQuery } from '../../../shared/protocol';
import type { TopicSelection } from '../topic-dictionary';

/** Segment reads kept in flight: a count reads every candidate segment. */
const COUNT_READ_AHEAD_SEGMENTS = 3;

/** Every message of the segment matches: no per-message condition, all inside the range. */
function wholeSegment(
  q: PreparedQuery,
  selection: TopicSelection | undefined,
  s: SegmentRecord,
): boolean {
  if (q.needle || q.pattern || q.flagOk) return false;
  if (s.minTime < q.from || s.maxTime > q.to || s.lastId >= q.before) return false;
  const mask = selection?.mask;
  return !mask || s.topics.every((topicId) => mask[topicId] === 1);
}

/** One step of a count over the segment log (the caller handles the no-condition fast path). */
export async function countSegments(
  ctx: Omit<QueryContext, 'topicName'>,
  query: HistoryQuery,
): Promise<HistoryCount> {
  const q = prepareQuery({ ...query, limit: 0 });
  if (q.error) return { count: 0, error: q.error };
  const selection = q.topicFilter === undefined ? undefined : ctx.dictionary.select(q.topicFilter);
  if (selection && selection.ids.length === 0) return { count: 0 };
  const started = ctx.now();
  const budget: MatchBudget = { expired: () => ctx.now() - started >= ctx.budgetMs };

  const tx = ctx.db.transaction(STORES.segments, 'readonly');
  const keys = candidates(tx, q, selection);
  const reads: Promise<SegmentRecord | undefined>[] = [];
  let exhausted = false;
  let count = 0;
  let next: number | undefined;
  try {
    for (;;) {
      while (!exhausted && reads.length < COUNT_READ_AHEAD_SEGMENTS) {
        const key = await keys.next();
        if (key.done) exhausted = true;
        else reads.push(tx.store.get(key.value));
      }
      if (reads.length === 0) break;
      const record = await reads.shift();
      if (!record) continue; // pruned meanwhile
      if (wholeSegment(q, selection, record)) count += record.count;
      else count += matchingIndexes(q, selection, record, undefined, budget)?.length ?? 0;
      if (budget.resumeBefore !== undefined) {
        next = budget.resumeBefore;
        break;
      }
      if (budget.expired() && !(exhausted && reads.length === 0)) {
        next = record.firstId;
        break;
      }
    }
  } finally {
    for (const read of reads) read.catch(() => undefined);
    await keys.return(undefined);
  }
  tx.done.catch(() => undefined);
  return next === undefined ? { count } : { count, next };
}
