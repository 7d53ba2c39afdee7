// The explorer's reads on Chromium's real IndexedDB: counts are exact for every condition (in one
// call or many bounded ones), pages agree with them, invalid queries come back as errors in words,
// per-topic counts follow appends and prunes, a version-4 database is counted on upgrade, and the
// connection log keeps transitions newest first within its bound.
import { describe, expect, test } from 'vitest';
import { matchesMessage, prepareQuery } from '../../worker/history/query/history-filter';
import type { HistoryQuery, StatusEvent } from '../../shared/protocol';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { QUERY_BASE_TIME, QUERY_TOPICS, queryMessage } from '../fixtures/data/query-fixture';
import { openQueryPage } from '../fixtures/browser/query-page';
import { openWorkerApi } from '../fixtures/browser/worker-api';

const suite = useBrowserSuite();
const IDS = Array.from({ length: 1_500 }, (_, i) => i + 1);
const BATCH = 250; // 6 segments

const QUERIES: Record<string, Omit<HistoryQuery, 'limit'>> = {
  everything: {},
  'below a position': { before: 1_234 },
  'one topic': { topicFilter: 'plant/a/temp' },
  'a wildcard': { topicFilter: 'plant/+/temp' },
  'a wildcard below a position': { topicFilter: 'plant/#', before: 999 },
  'a time range': { from: QUERY_BASE_TIME + 5_000, to: QUERY_BASE_TIME + 12_005 },
  'text, case-sensitive': { text: 'alarm' },
  'text, any case': { text: 'alarm', ignoreCase: true },
  'a regular expression': { text: '^alarm [0-3]$', regex: true },
  'a regular expression, any case': {
    text: 'ALARM (level )?\\d+9$',
    regex: true,
    ignoreCase: true,
  },
  published: { direction: 'published' },
  received: { direction: 'received', topicFilter: 'office/#' },
  'QoS 1 or 2': { qos: [1, 2] },
  retained: { retained: true, topicFilter: 'plant/#' },
  'not retained, QoS 1, text': { retained: false, qos: [1], text: '"v"' },
};

const expectedIds = (query: Omit<HistoryQuery, 'limit'>) => {
  const q = prepareQuery({ ...query, limit: 1 });
  return IDS.filter((id) => matchesMessage(q, queryMessage(id))).reverse();
};

describe('explorer queries on IndexedDB', () => {
  test('counts exactly what the pages hold, for every condition, in one call or many', async () => {
    const { call } = await openQueryPage(suite);
    await call('open', 'fast', 'deck-query');
    await call('open', 'slow', 'deck-query', 0); // one segment per call, then `next`
    await call('append', 'fast', IDS, BATCH);
    for (const [name, query] of Object.entries(QUERIES)) {
      const expected = expectedIds(query);
      expect(expected.length, `${name}: the fixture has matches`).toBeGreaterThan(0);
      const fast = await call('countAll', 'fast', { ...query, limit: 0 });
      expect(fast.total, name).toBe(expected.length);
      const slow = await call('countAll', 'slow', { ...query, limit: 0 });
      expect(slow.total, name).toBe(expected.length);
      const patterned = query.regex || query.ignoreCase;
      const pages = await call('readAllIds', patterned ? 'fast' : 'slow', { ...query, limit: 50 });
      expect(pages.ids, name).toEqual(expected);
    }
    // No conditions: the totals in one call. With no time to spare, a text search reads one
    // segment per call and a regular expression tests one message per call, yet both finish.
    expect(await call('countAll', 'slow', { limit: 0 })).toEqual({ total: 1_500, calls: 1 });
    expect(await call('countAll', 'slow', { text: 'zz', limit: 0 })).toEqual({
      total: 0,
      calls: 6,
    });
    const regex = await call('countAll', 'slow', { text: 'zz', regex: true, limit: 0 });
    expect(regex).toEqual({ total: 0, calls: 1_500 });
  });

  test('refuses an expression that does not compile and an invalid filter, in words', async () => {
    const { call } = await openQueryPage(suite);
    await call('open', 'a', 'deck-query');
    await call('append', 'a', IDS.slice(0, 100), 100);
    const bad = { text: 'a(b', regex: true, limit: 10 };
    const count = await call('countAll', 'a', bad);
    expect(count.error).toEqual({
      code: 'invalid-option',
      message: expect.stringMatching(/^The regular expression does not compile: .*\.$/),
    });
    expect((await call('readAllIds', 'a', bad)).error?.code).toBe('invalid-option');
    const filter = await call('readAllIds', 'a', { topicFilter: 'a/#/b', limit: 10 });
    expect(filter.error?.code).toBe('invalid-topic');
    expect((await call('countAll', 'a', { topicFilter: 'a+', limit: 0 })).error?.message).toMatch(
      /topic filter is not valid/,
    );
  });

  test('keeps per-topic counts and bytes through appends and prunes', async () => {
    const { call } = await openQueryPage(suite);
    await call('open', 'a', 'deck-query');
    await call('append', 'a', IDS, BATCH);
    expect(await call('topicStats', 'a')).toEqual(expectedStats(IDS));
    // Pruned to 1,000 messages: whole segments go, 500 messages (two segments) with them.
    expect(await call('prune', 'a', 1_000)).toMatchObject({ messages: 500, segments: 2 });
    const left = IDS.slice(500);
    expect(await call('topicStats', 'a')).toEqual(expectedStats(left));
    expect(await call('topLevelUsage', 'a')).toEqual(expectedUsage(left));
    // A count by topic alone adds up those per-topic counts.
    const plant = left.filter((id) => queryMessage(id).topic.startsWith('plant/'));
    const byTopic = await call('countAll', 'a', { topicFilter: 'plant/#', limit: 0 });
    expect(byTopic).toEqual({ total: plant.length, calls: 1 });
    await call('append', 'a', [1_501, 1_502, 1_503], 3);
    expect(await call('topicStats', 'a')).toEqual(expectedStats([...left, 1_501, 1_502, 1_503]));
  });

  test('counts every topic when a version-4 or version-1 database is upgraded', async () => {
    const { call } = await openQueryPage(suite);
    await call('createV1', 'deck-v1', IDS);
    await call('open', 'v1', 'deck-v1');
    expect(await call('topicStats', 'v1')).toEqual(expectedStats(IDS));
    await call('createV4', 'deck-v4', IDS, BATCH);
    await call('open', 'a', 'deck-v4');
    expect(await call('topicStats', 'a')).toEqual(expectedStats(IDS));
    expect(await call('readLog', 'a', { limit: 10 })).toEqual([]); // the new store exists
    expect((await call('countAll', 'a', { text: 'ALARM', limit: 0 })).total).toBe(
      expectedIds({ text: 'ALARM' }).length,
    );
  });

  test('logs connection transitions newest first, bounded', async () => {
    const { call } = await openQueryPage(suite);
    await call('open', 'a', 'deck-query');
    await call('logStatuses', 'a', STATUSES);
    const url = 'ws://127.0.0.1:1883/mqtt';
    const all = await call('readLog', 'a', { limit: 100 });
    expect(all.map(({ seq: _s, ...entry }) => entry)).toEqual([
      { time: 9, kind: 'refused', reason: 'Not authorized.', url, connectionId: 'profile-1' },
      {
        time: 7,
        kind: 'disconnected',
        reason: 'Disconnected by the user.',
        url,
        connectionId: 'profile-1',
      },
      { time: 6, kind: 'connected', url, connectionId: 'profile-1' },
      {
        time: 3,
        kind: 'disconnected',
        reason: 'The broker closed the connection.',
        url,
        connectionId: 'profile-1',
      },
      { time: 2, kind: 'connected', url, connectionId: 'profile-1' },
    ]);
    const range = await call('readLog', 'a', { from: 3, to: 7, limit: 100 });
    expect(range.map((e) => e.time)).toEqual([7, 6, 3]);
    const page = await call('readLog', 'a', { before: all[1]!.seq, limit: 2 });
    expect(page.map((e) => e.time)).toEqual([6, 3]);
    expect(await call('readLog', 'a', { limit: 5_000 })).toHaveLength(5);
    // Retention's age limit applies to the log: entries before time 6 go.
    expect(await call('prune', 'a', 1_000_000, 6)).toMatchObject({ messages: 0, done: true });
    expect((await call('readLog', 'a', { limit: 100 })).map((e) => e.time)).toEqual([9, 7, 6]);

    await call('open', 'b', 'deck-log-bound');
    expect(await call('boundedLog', 'b', 30, 10)).toEqual(IDS.slice(20, 30));
  });
});

describe('explorer reads through the app', () => {
  test('a publish is stored once as published; the connection shows in the log', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait();
    await app.publish('deck/out/mine', 'from me', { qos: 1 });
    await expect.poll(() => app.publishResult()).toMatch(/Acknowledged/);
    const api = await openWorkerApi(page);
    const published = { direction: 'published' as const, limit: 10 };
    await expect.poll(async () => (await api('countHistory', published)).count).toBe(1);
    const { messages } = await api('readHistory', published);
    expect(messages).toMatchObject([
      { topic: 'deck/out/mine', qos: 1, retain: false, size: 7, published: true },
    ]);
    const received = await api('countHistory', { direction: 'received', limit: 0 });
    expect(received).toEqual({ count: 0 });
    expect(await api('topicStats')).toMatchObject([{ topic: 'deck/out/mine', count: 1 }]);

    await app.button('Disconnect').click();
    await app.expectStatus(/disconnected/i);
    await expect
      .poll(async () => (await api('readConnectionLog', { limit: 10 })).map((e) => e.kind))
      .toEqual(['disconnected', 'connected']);
    const [, connected] = await api('readConnectionLog', { limit: 10 });
    expect(connected!.url).toBe(env.broker.url);
  });
});

const STATUS_URL = { url: 'ws://127.0.0.1:1883/mqtt', clientId: 'c' };
const lost = { code: 'unreachable' as const, message: 'The broker closed the connection.' };
const STATUSES: StatusEvent[] = [
  { type: 'status', state: 'connecting', at: 1, ...STATUS_URL },
  { type: 'status', state: 'connected', at: 2, ...STATUS_URL },
  {
    type: 'status',
    state: 'reconnecting',
    attempt: 1,
    retryInMs: 900,
    error: lost,
    at: 3,
    ...STATUS_URL,
  },
  {
    type: 'status',
    state: 'reconnecting',
    attempt: 1,
    retryInMs: 0,
    error: lost,
    at: 4,
    ...STATUS_URL,
  },
  {
    type: 'status',
    state: 'reconnecting',
    attempt: 2,
    retryInMs: 2_000,
    error: lost,
    at: 5,
    ...STATUS_URL,
  },
  { type: 'status', state: 'connected', at: 6, ...STATUS_URL },
  { type: 'status', state: 'disconnected', at: 7, ...STATUS_URL },
  { type: 'status', state: 'connecting', at: 8, ...STATUS_URL },
  {
    type: 'status',
    state: 'error',
    error: { code: 'not-authorized', message: 'Not authorized.' },
    at: 9,
    ...STATUS_URL,
  },
];

function expectedStats(ids: number[]) {
  const stats = new Map<string, { count: number; bytes: number; lastId: number }>();
  for (const id of ids) {
    const m = queryMessage(id);
    const stat = stats.get(m.topic) ?? { count: 0, bytes: 0, lastId: 0 };
    stats.set(m.topic, { count: stat.count + 1, bytes: stat.bytes + m.size, lastId: id });
  }
  return [...stats]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([topic, stat]) => {
      const last = queryMessage(stat.lastId);
      return {
        topic,
        ...stat,
        lastTime: last.time,
        retain: last.retain,
        qos: last.qos,
        size: last.size,
        preview: Math.min(64, last.size),
      };
    });
}

function expectedUsage(ids: number[]) {
  const levels = new Map<string, { level: string; messages: number; bytes: number }>();
  for (const { topic, count, bytes } of expectedStats(ids)) {
    const level = topic.split('/')[0]!;
    const usage = levels.get(level) ?? { level, messages: 0, bytes: 0 };
    levels.set(level, { level, messages: usage.messages + count, bytes: usage.bytes + bytes });
  }
  expect(QUERY_TOPICS.map((t) => t.split('/')[0])).toContain('');
  return [...levels.values()].sort((a, b) => b.bytes - a.bytes);
}
