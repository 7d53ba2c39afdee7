// The explorer's query conditions on known data: direction, QoS, retained, regular expressions
// and case-insensitive text each select exactly the expected messages, and a packed segment
// (matchingIndexes) agrees with the in-memory path (matchesMessage) the writer uses.
import { describe, expect, it } from 'vitest';
import {
  matchesMessage,
  prepareQuery,
  TEXT_SEARCH_MAX_BYTES,
} from '../../worker/history/query/history-filter';
import { matchingIndexes } from '../../worker/history/query/history-match';
import type { HistoryQuery, StoredMessage } from '../../shared/protocol';
import { openSegment } from '../../worker/db/segment/segment-codec';
import { buildSegment } from '../../worker/db/segment/segment-plan';
import { createTopicDictionary } from '../../worker/history/topic-dictionary';

const utf8 = new TextEncoder();
const TOPICS = ['home/kitchen/temp', 'home/hall/temp', 'office/door'];

/** 60 messages: every combination of QoS, retain and direction, with known payloads. */
function message(id: number): StoredMessage {
  const texts = ['{"t":21.5}', 'Alarm: DOOR open', 'ok', 'ALARM door', 'Straße', ''];
  const payload = utf8.encode(texts[id % texts.length]!);
  const m: StoredMessage = {
    id,
    connectionId: 'p1',
    topic: TOPICS[id % TOPICS.length]!,
    qos: (id % 3) as 0 | 1 | 2,
    retain: id % 4 === 0,
    time: 1_000 + id,
    size: payload.byteLength,
    payload,
  };
  if (id % 5 === 0) m.published = true;
  return m;
}
const MESSAGES = Array.from({ length: 60 }, (_, i) => message(i + 1));
const dictionary = createTopicDictionary(TOPICS.map((topic, id) => ({ id, topic })));
const record = buildSegment(
  MESSAGES,
  MESSAGES.map((m) => TOPICS.indexOf(m.topic)),
  0,
  MESSAGES.length,
);

/** Ids matching, by the segment path and by the memory path: they must agree. */
function both(query: Omit<HistoryQuery, 'limit'>): number[] {
  const q = prepareQuery({ ...query, limit: 100 });
  const selection = q.topicFilter === undefined ? undefined : dictionary.select(q.topicFilter);
  const view = openSegment(record.data);
  const fromSegment = (matchingIndexes(q, selection, record, view) ?? []).map((i) => view.ids[i]!);
  const inMemory = MESSAGES.filter((m) => matchesMessage(q, m)).map((m) => m.id);
  expect(fromSegment).toEqual(inMemory);
  return inMemory;
}

const idsWhere = (keep: (m: StoredMessage) => boolean) => MESSAGES.filter(keep).map((m) => m.id);
const text = (m: StoredMessage) => new TextDecoder().decode(m.payload);

describe('history conditions', () => {
  it('selects by direction', () => {
    expect(both({ direction: 'published' })).toEqual(idsWhere((m) => m.id % 5 === 0));
    expect(both({ direction: 'received' })).toEqual(idsWhere((m) => m.id % 5 !== 0));
    expect(both({ direction: 'published' })).toHaveLength(12);
  });

  it('selects any of the QoS levels given, and all for an empty list', () => {
    expect(both({ qos: [1] })).toEqual(idsWhere((m) => m.qos === 1));
    expect(both({ qos: [0, 2] })).toEqual(idsWhere((m) => m.qos !== 1));
    expect(both({ qos: [] })).toHaveLength(60);
  });

  it('selects retained or not retained', () => {
    expect(both({ retained: true })).toEqual(idsWhere((m) => m.retain));
    expect(both({ retained: false })).toEqual(idsWhere((m) => !m.retain));
  });

  it('combines every condition', () => {
    const query = { topicFilter: 'home/#', qos: [0 as const], retained: false, text: 'o' };
    expect(both(query)).toEqual(
      idsWhere((m) => m.topic.startsWith('home/') && m.qos === 0 && !m.retain && /o/.test(text(m))),
    );
    expect(both({ ...query, direction: 'published' })).toEqual(
      idsWhere((m) => /o/.test(text(m)) && m.topic.startsWith('home/') && m.qos === 0).filter(
        (id) => id % 5 === 0 && id % 4 !== 0,
      ),
    );
  });

  it('matches a regular expression on the text, with and without case', () => {
    expect(both({ text: '^alarm', regex: true })).toEqual([]);
    expect(both({ text: '^alarm', regex: true, ignoreCase: true })).toEqual(
      idsWhere((m) => /^alarm/i.test(text(m))),
    );
    expect(both({ text: '"t":\\d+\\.\\d', regex: true })).toEqual(
      idsWhere((m) => text(m) === '{"t":21.5}'),
    );
    // Flag u: one code point, not two UTF-16 units; ß folds only as itself.
    expect(both({ text: '^Stra.e$', regex: true })).toEqual(idsWhere((m) => text(m) === 'Straße'));
  });

  it('matches plain text without regard to case, its special characters literal', () => {
    expect(both({ text: 'alarm', ignoreCase: true })).toEqual(
      idsWhere((m) => text(m).toLowerCase().includes('alarm')),
    );
    expect(both({ text: 'alarm' })).toEqual([]);
    expect(both({ text: '"T":21.5', ignoreCase: true })).toEqual(
      idsWhere((m) => text(m) === '{"t":21.5}'),
    );
    expect(both({ text: 'T.:', ignoreCase: true })).toEqual([]); // "." is not a wildcard
  });

  it('refuses a regular expression that does not compile, in words', () => {
    const q = prepareQuery({ text: '(unclosed', regex: true, limit: 10 });
    expect(q.error?.code).toBe('invalid-option');
    expect(q.error?.message).toMatch(/regular expression does not compile.*group/i);
    expect(MESSAGES.some((m) => matchesMessage(q, m))).toBe(false);
    expect(matchingIndexes(q, undefined, record)).toBeUndefined();
    expect(prepareQuery({ text: '(unclosed', limit: 10 }).error).toBeUndefined();
  });

  it('refuses an invalid topic filter and bad flag conditions', () => {
    const q = prepareQuery({ topicFilter: 'home/#/temp', limit: 10 });
    expect(q.error).toEqual({ code: 'invalid-topic', message: expect.stringMatching(/"#"/) });
    const qos = prepareQuery({ qos: [3 as 0], limit: 10 });
    expect(qos.error?.message).toBe('QoS levels must be 0, 1 or 2.');
  });

  it('tests a pattern on the first 64 KiB of a payload only', () => {
    const big = new Uint8Array(TEXT_SEARCH_MAX_BYTES + 10).fill(0x61);
    big.set(utf8.encode('NEEDLE'), TEXT_SEARCH_MAX_BYTES + 2);
    const m = { ...MESSAGES[0]!, payload: big, size: big.byteLength };
    expect(matchesMessage(prepareQuery({ text: 'NEEDLE', limit: 1 }), m)).toBe(true);
    const regex = prepareQuery({ text: 'NEEDLE', regex: true, limit: 1 });
    expect(matchesMessage(regex, m)).toBe(false);
    big.set(utf8.encode('NEEDLE'), TEXT_SEARCH_MAX_BYTES - 6);
    expect(matchesMessage(regex, m)).toBe(true);
  });

  it('stops a pattern pass when the budget runs out, saying where to resume', () => {
    const q = prepareQuery({ text: '.', regex: true, limit: 100 });
    let checks = 0;
    const budget = { expired: () => ++checks > 3 };
    const view = openSegment(record.data);
    const found = matchingIndexes(q, undefined, record, view, budget)!.map((i) => view.ids[i]!);
    // Tested newest first: 60, 59, 58, 57 (the first test is never refused); 59 has no payload.
    expect(found).toEqual([57, 58, 60]);
    expect(budget).toMatchObject({ resumeBefore: 57 });
    const rest = prepareQuery({ text: '.', regex: true, limit: 100, before: 57 });
    const after = matchingIndexes(rest, undefined, record, view)!.map((i) => view.ids[i]!);
    expect([...after, ...found]).toEqual(idsWhere((m) => m.payload.byteLength > 0));
  });
});
