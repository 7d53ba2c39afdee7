// Which messages of one stored segment meet a prepared query: the one place that decides, for
// pages, counts and scans alike. Cheap column checks first (time, topic, flags, raw-byte search),
// then a regular expression on the survivors, newest first, between which a time budget is checked.
import type { PreparedQuery } from './history-filter';
import { searchText } from './history-filter';
import type { SegmentRecord } from '../../db/schema';
import { messagesContaining } from './payload-search';
import { openSegment } from '../../db/segment/segment-codec';
import type { SegmentView } from '../../db/segment/segment-open';
import { payloadView } from '../../db/segment/segment-read';
import type { TopicSelection } from '../topic-dictionary';

/**
 * A time budget for the regular-expression pass, which costs per byte: checked between messages.
 * When it runs out inside a segment, `resumeBefore` says where to continue: messages of the
 * segment with an id below it were not examined.
 */
export interface MatchBudget {
  expired(): boolean;
  resumeBefore?: number;
}

/** Flag bits a query's flag table is indexed by (QoS, retain, published). */
const FLAG_BITS = 0b1111;

/**
 * The indexes of the segment's messages meeting every condition, oldest first (ascending index),
 * or undefined when none does. With a budget, at least one message is tested before it may stop.
 */
export function matchingIndexes(
  q: PreparedQuery,
  selection: TopicSelection | undefined,
  record: SegmentRecord,
  view: SegmentView = openSegment(record.data),
  budget?: MatchBudget,
): number[] | undefined {
  if (q.error) return undefined;
  if (record.maxTime < q.from || record.minTime > q.to) return undefined;
  const mask = selection?.mask;
  if (mask && !record.topics.some((topicId) => mask[topicId] === 1)) return undefined;
  const hits = q.needle ? messagesContaining(view, q.needle) : undefined;
  if (q.needle && !hits) return undefined;
  const { ids, times, topicIds, flags } = view;
  const flagOk = q.flagOk;
  const found: number[] = [];
  for (let i = 0; i < view.count; i++) {
    if (ids[i]! >= q.before) break;
    if (mask && mask[topicIds[i]!] !== 1) continue;
    if (times[i]! < q.from || times[i]! > q.to) continue;
    if (flagOk && flagOk[flags[i]! & FLAG_BITS] !== 1) continue;
    if (hits && hits[i] !== 1) continue;
    found.push(i);
  }
  const matches = q.pattern ? testPattern(q.pattern, view, found, budget) : found;
  return matches.length > 0 ? matches : undefined;
}

/** The candidates whose text matches, tested newest first until the budget runs out. */
function testPattern(
  pattern: RegExp,
  view: SegmentView,
  candidates: readonly number[],
  budget: MatchBudget | undefined,
): number[] {
  const matches: number[] = [];
  for (let k = candidates.length - 1; k >= 0; k--) {
    if (budget && k < candidates.length - 1 && budget.expired()) {
      budget.resumeBefore = view.ids[candidates[k + 1]!]!;
      break;
    }
    const i = candidates[k]!;
    if (pattern.test(searchText(payloadView(view, i)))) matches.push(i);
  }
  return matches.reverse();
}
