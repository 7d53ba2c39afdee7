// The segment history store on Chromium's real IndexedDB: every query pages to exactly what a
// plain filter over the messages gives, bytes come back whole, totals hold, and a version-1
// database is packed into segments on first open, by the store and through the app.
import { describe, expect, test } from 'vitest';
import { matchesMessage, prepareQuery } from '../../worker/history/query/history-filter';
import { DB_VERSION } from '../../worker/db/schema';
import { toSummary } from '../../worker/db/message-summary';
import type { HistoryQuery, MessageSummary, StoredMessage } from '../../shared/protocol';
import { DeckApp } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import {
  BIG_EVERY,
  bytesText,
  FIXTURE_BASE_TIME,
  FIXTURE_TOPICS,
  fixtureMessage,
  idRange,
} from '../fixtures/data/history-fixture';
import { readStoredPayloads } from '../fixtures/browser/page-idb';
import type { PlainMessage, PlainSummary } from '../fixtures/browser/store-entry';
import { openStorePage } from '../fixtures/browser/store-page';

const suite = useBrowserSuite();
// Two runs of ids with a gap between, appended in uneven batches (one big payload every 601).
const STORED_IDS = [...idRange(1, 1_200), ...idRange(1_300, 2_500)];
const BATCH_SIZES = [1, 700, 2_000, 299, 37];

const plain = <T extends MessageSummary | StoredMessage>(m: T) => ({
  ...m,
  ...('payload' in m ? { payload: bytesText(m.payload) } : {}),
  ...('preview' in m ? { preview: bytesText(m.preview) } : {}),
  ...(m.properties
    ? { properties: { ...m.properties, correlationData: [...m.properties.correlationData!] } }
    : {}),
});

/** Ids a query must return, newest first, computed from the fixture alone. */
function expectedIds(ids: readonly number[], query: HistoryQuery): number[] {
  const q = prepareQuery(query);
  return ids.filter((id) => matchesMessage(q, fixtureMessage(id))).reverse();
}

const QUERIES: Record<string, HistoryQuery> = {
  everything: { limit: 97 },
  'one topic': { limit: 97, topicFilter: 'deck/hall/temp' },
  'a wildcard': { limit: 97, topicFilter: 'deck/+/temp' },
  '# (not $SYS)': { limit: 97, topicFilter: '#' },
  $SYS: { limit: 97, topicFilter: '$SYS/#' },
  'payload text': { limit: 97, text: 'alarm °C' },
  'text and topic': { limit: 20, text: 'alarm', topicFilter: 'deck/+/temp' },
  'text inside bytes that are not UTF-8': { limit: 97, text: '\u0000' },
  'a time range across the clock step': {
    limit: 50,
    from: FIXTURE_BASE_TIME + 1_400 * 10 - 3_600_000,
    to: FIXTURE_BASE_TIME + 1_550 * 10,
  },
  'below a position': { limit: 97, topicFilter: 'deck/hall/#', before: 1_234 },
  'an unknown topic': { limit: 97, topicFilter: 'no/such/topic' },
};

describe('history store on IndexedDB', () => {
  test('pages through every query exactly as a filter over the messages would', async () => {
    const { call } = await openStorePage(suite);
    await call('open', 'fast', 'deck-store');
    // The same database through a store that reads one segment per call, then returns `next`.
    await call('open', 'slow', 'deck-store', { pageBudgetMs: 0 });
    expect(await call('appendFixture', 'fast', STORED_IDS, BATCH_SIZES)).toBe('ok');
    expect(await call('totals', 'slow')).toEqual({ count: STORED_IDS.length, maxId: 2_499 });

    for (const [name, query] of Object.entries(QUERIES)) {
      const expected = expectedIds(STORED_IDS, query);
      const fast = await call('readAll', 'fast', query);
      expect(fast.pages.flat(), name).toEqual(expected);
      const slow = await call('readAll', 'slow', query);
      expect(slow.pages.flat(), name).toEqual(expected);
    }
    // One segment per call: a rare text is found over many calls, most returning nothing.
    const rare = await call('readAll', 'slow', { limit: 5, text: 'alarm °C 260' });
    expect(rare.pages.flat()).toEqual([260]);
    expect(rare.pages.length).toBeGreaterThan(3);

    const first = await call('readPage', 'fast', { limit: 40, topicFilter: 'deck/+/temp' });
    const want = expectedIds(STORED_IDS, { limit: 40, topicFilter: 'deck/+/temp' }).slice(0, 40);
    expect(first.messages).toEqual(want.map((id) => plain(toSummary(fixtureMessage(id)))));
  });

  test('gives each message back whole by id, and nothing for ids it does not hold', async () => {
    const { call } = await openStorePage(suite);
    await call('open', 'a', 'deck-store');
    expect(await call('appendFixture', 'a', STORED_IDS, BATCH_SIZES)).toBe('ok');
    const big = BIG_EVERY * 3;
    for (const id of [1, 11, 17, 19, 38, big, big + 1, 1_199, 1_300, 2_499]) {
      const got = (await call('get', 'a', id)) as PlainMessage;
      expect(got, `id ${id}`).toEqual(plain(fixtureMessage(id)));
    }
    for (const id of [0, 1_250, 1_299, 2_500, 1.5]) {
      expect(await call('get', 'a', id), `id ${id}`).toBeUndefined();
    }
    // The newest message of each topic, and totals that survive closing the database.
    const latest = new Map(await call('latest', 'a'));
    for (const topic of FIXTURE_TOPICS) {
      const newest = STORED_IDS.filter((id) => fixtureMessage(id).topic === topic).at(-1);
      expect(latest.get(topic), topic).toBe(newest);
    }
    await call('close', 'a');
    await call('open', 'a', 'deck-store');
    expect(await call('totals', 'a')).toEqual({ count: STORED_IDS.length, maxId: 2_499 });
  });

  test('a failed append leaves nothing behind; topics another tab added are found', async () => {
    const { call } = await openStorePage(suite);
    await call('open', 'tab1', 'deck-store');
    await call('open', 'tab2', 'deck-store');
    expect(await call('appendFixture', 'tab1', idRange(1, 50), [49])).toBe('ok');
    // Ids out of order: the whole batch is refused, its new topic not kept.
    const refused = await call('appendSimple', 'tab1', [
      { id: 60, topic: 'new/one', text: 'a' },
      { id: 55, topic: 'new/one', text: 'b' },
    ]);
    expect(refused).toMatch(/ids must increase/);
    expect(await call('totals', 'tab1')).toEqual({ count: 49, maxId: 49 });
    expect((await call('readPage', 'tab1', { limit: 5, topicFilter: 'new/#' })).messages).toEqual(
      [],
    );
    // The other tab adds topics this one has never seen; both see all of it.
    const ok = await call('appendSimple', 'tab2', [
      { id: 50, topic: 'new/two', text: 'x' },
      { id: 51, topic: 'new/one', text: 'y' },
    ]);
    expect(ok).toBe('ok');
    expect(await call('appendSimple', 'tab1', [{ id: 52, topic: 'new/three', text: 'z' }])).toBe(
      'ok',
    );
    const page = await call('readPage', 'tab1', { limit: 5, topicFilter: 'new/#' });
    expect(page.messages.map((m: PlainSummary) => [m.id, m.topic])).toEqual([
      [52, 'new/three'],
      [51, 'new/one'],
      [50, 'new/two'],
    ]);
    expect((await call('get', 'tab2', 52))?.topic).toBe('new/three');
    expect(await call('totals', 'tab2')).toEqual({ count: 52, maxId: 52 });
  });

  test('a full disk refuses the whole batch with QuotaExceededError, and later writes work', async () => {
    const { page, call } = await openStorePage(suite);
    const cdp = await page.context().newCDPSession(page);
    const origin = new URL(page.url()).origin;
    // Set before the database is first used: set after that, it did not apply in this Chromium.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 512 * 1024 });
    await call('open', 'q', 'deck-store');
    expect(await call('appendFixture', 'q', idRange(1, 100), [99])).toBe('ok');
    // Ids 100..700 hold one 1.2 MB payload (601): far over the quota.
    expect(await call('appendFixture', 'q', idRange(100, 700), [600])).toMatch(
      /^QuotaExceededError/,
    );
    expect(await call('totals', 'q')).toEqual({ count: 99, maxId: 99 });
    expect(await call('get', 'q', 601)).toBeUndefined();
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    // Space freed: the same connection takes the same batch again (what the writer's retry does).
    expect(await call('appendFixture', 'q', idRange(100, 700), [600])).toBe('ok');
    expect(await call('totals', 'q')).toEqual({ count: 699, maxId: 699 });
  });

  test('a QoS 2 message whose record is already released is not stored a second time', async () => {
    const { call } = await openStorePage(suite);
    await call('open', 'q2', 'deck-store');
    // Stored and released: written.
    expect(await call('appendReleasing', 'q2', [1], [10], [[1, 10]])).toBe(1);
    // The broker's PUBREL again, after a reconnect that still had record 1 in memory: skipped.
    expect(await call('appendReleasing', 'q2', [], [11], [[1, 11]])).toBe(0);
    // Both deliveries merged into one batch: the first is kept, the second skipped.
    expect(
      await call(
        'appendReleasing',
        'q2',
        [2],
        [12, 13],
        [
          [2, 12],
          [2, 13],
        ],
      ),
    ).toBe(1);
    expect(await call('totals', 'q2')).toEqual({ count: 2, maxId: 12 });
    expect(await call('get', 'q2', 11)).toBeUndefined();
    expect(await call('get', 'q2', 13)).toBeUndefined();
  });

  test('packs a version-1 database into segments on first open, bytes unchanged', async () => {
    const { call } = await openStorePage(suite);
    const ids = idRange(1, 1_500);
    await call('createV1', 'deck-v1', ids);
    expect((await call('describeDb', 'deck-v1')).version).toBe(1);
    await call('open', 'v', 'deck-v1');
    expect(await call('totals', 'v')).toEqual({ count: ids.length, maxId: 1_499 });
    expect(await call('describeDb', 'deck-v1')).toEqual({
      version: DB_VERSION,
      stores: [
        'connectionLog',
        'dashboards',
        'latest',
        'meta',
        'outbox',
        'qos',
        'segments',
        'settings',
        'topics',
      ],
      profile: { id: 'saved', url: 'ws://127.0.0.1:1/mqtt' },
    });
    const all = await call('readAll', 'v', { limit: 500 });
    expect(all.pages.flat()).toEqual([...ids].reverse());
    for (const id of [1, 11, 17, 19, BIG_EVERY, 1_499]) {
      expect(await call('get', 'v', id), `id ${id}`).toEqual(plain(fixtureMessage(id)));
    }
    const wild = await call('readAll', 'v', { limit: 100, topicFilter: 'deck/+/temp' });
    expect(wild.pages.flat()).toEqual(expectedIds(ids, { limit: 1, topicFilter: 'deck/+/temp' }));
  });
});

describe('the app on a version-1 database', () => {
  test('lists and counts what version 1 stored, and keeps its bytes', async () => {
    const env = await startDevEnv(suite);
    const { page } = await suite.newPage();
    // Same origin as the app, before the app first runs there.
    await page.goto(`${env.appUrl}no-app-here`);
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('mqtt-deck', 1);
        request.onupgradeneeded = () => {
          const messages = request.result.createObjectStore('messages', { keyPath: 'id' });
          messages.createIndex('byTopic', ['topic', 'id']);
          request.result.createObjectStore('settings');
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      const tx = db.transaction('messages', 'readwrite');
      const record = (id: number, topic: string, payload: Uint8Array) => ({
        id,
        connectionId: 'ws://127.0.0.1:1/mqtt',
        topic,
        qos: 1,
        retain: false,
        time: Date.now() - 60_000 + id,
        size: payload.byteLength,
        payload,
      });
      tx.objectStore('messages').put(record(1, 'old/text', new TextEncoder().encode('héllo')));
      tx.objectStore('messages').put(record(2, 'old/bin', new Uint8Array([0xff, 0, 0x80])));
      tx.objectStore('messages').put(record(3, 'old/text', new TextEncoder().encode('again')));
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onabort = () => reject(tx.error ?? new Error('aborted'));
      });
      db.close();
    });

    const app = await DeckApp.open(page, env.appUrl);
    await app.expectStoredCount(3);
    await app.expectMessage('old/bin');
    await app.expectMessage('old/text');
    expect(await app.messages().count()).toBe(3);
    expect((await readStoredPayloads(page, 'old/bin')).map((p) => p.bytes)).toEqual([
      [0xff, 0, 0x80],
    ]);
    expect((await readStoredPayloads(page, 'old/text')).map((p) => p.bytes)).toEqual([
      [...Buffer.from('héllo')],
      [...Buffer.from('again')],
    ]);
  });
});
