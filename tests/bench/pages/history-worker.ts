// Times the app's own history store (worker/history/history-store.ts) over the app's database: the
// newest page of one topic, of a wildcard filter and of a payload text search.
import { createDbConnection } from '../../../worker/db/database';
import { createHistoryStore } from '../../../worker/history/history-store';
import { topicMatches } from '../../../shared/mqtt/topics';
import type { HistoryPage, HistoryQuery, MessageSummary } from '../../../shared/protocol';
import type {
  HistoryTimingReport,
  HistoryTimingRequest,
  QueryName,
  QueryTiming,
} from './history-main';
import { serveRequests } from './worker-rpc';

const decoder = new TextDecoder();

/** Why `messages` is not a correct first page for the query, if it is not. */
type Check = (messages: readonly MessageSummary[]) => string | undefined;

function everyMessage(test: (m: MessageSummary) => boolean, what: string): Check {
  return (messages) => {
    if (messages.length === 0) return 'it returned no messages';
    const bad = messages.find((m) => !test(m));
    return bad === undefined ? undefined : `it returned "${bad.topic}", which is not ${what}`;
  };
}

async function timeQuery(
  read: (query: HistoryQuery) => Promise<HistoryPage>,
  name: QueryName,
  query: HistoryQuery,
  check: Check,
  repeat: number,
): Promise<QueryTiming> {
  const timesMs: number[] = [];
  let page = await read(query); // warm-up: compiles code paths, fills caches the app would have
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    page = await read(query);
    timesMs.push(performance.now() - start);
  }
  const invalid = check(page.messages);
  return invalid === undefined
    ? { name, timesMs, returned: page.messages.length }
    : { name, timesMs, returned: page.messages.length, invalid };
}

serveRequests<HistoryTimingRequest, HistoryTimingReport>(async (request) => {
  const store = createHistoryStore(createDbConnection());
  const openStart = performance.now();
  const stored = await store.count();
  const openMs = performance.now() - openStart;
  const read = (query: HistoryQuery) => store.readPage(query);
  const { limit, repeat } = request;
  const textQuery = { limit, text: request.text } as HistoryQuery;
  const queries = [
    await timeQuery(
      read,
      'newest100',
      { topicFilter: request.oneTopic, limit },
      everyMessage((m) => m.topic === request.oneTopic, request.oneTopic),
      repeat,
    ),
    await timeQuery(
      read,
      'filter',
      { topicFilter: request.wildcard, limit },
      everyMessage((m) => topicMatches(request.wildcard, m.topic), `under ${request.wildcard}`),
      repeat,
    ),
    await timeQuery(
      read,
      'text',
      textQuery,
      everyMessage(
        (m) => decoder.decode(m.preview).includes(request.text),
        `a payload holding "${request.text}" (the store ignored the text search)`,
      ),
      repeat,
    ),
  ];
  return { stored, openMs, queries };
});
