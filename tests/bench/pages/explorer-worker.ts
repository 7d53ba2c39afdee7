// Fills history with realistic telemetry (100-byte JSON on a few thousand topics) straight into
// the app's history store, then times the app's own code over it: export to NDJSON (a Blob),
// import of that file into a capture, and a payload text search (first page, then every match).
import { createCaptures } from '../../../worker/history/captures';
import { createDbConnection } from '../../../worker/db/database';
import { exportHistory } from '../../../worker/history/transfer/history-export';
import { importCapture } from '../../../worker/history/transfer/history-import';
import type { HistorySources } from '../../../worker/history/history-sources';
import { createHistoryStore } from '../../../worker/history/history-store';
import type { HistoryStore } from '../../../worker/history/history-store';
import { HISTORY_BATCH_MAX_MESSAGES } from '../../../worker/history/history-writer';
import type { StoredMessage } from '../../../shared/protocol';
import { createTransfers } from '../../../worker/history/transfer/transfers';
import type { ExplorerReport, ExplorerRequest } from './explorer-main';
import { serveRequests } from './worker-rpc';

// Live ingestion writes a segment per batch of at most HISTORY_BATCH_MAX_MESSAGES: the searched
// history is laid out the same way (5,000-message fill batches made fewer, fuller segments and a
// search that looked faster than a user's own history would allow).
const FILL_BATCH = HISTORY_BATCH_MAX_MESSAGES;
/** Searches repeated (the first one cold): the figures are their medians. */
const SEARCH_RUNS = 5;
const START_TIME = 1_750_000_000_000;
const utf8 = new TextEncoder();

function telemetry(i: number, request: ExplorerRequest): StoredMessage {
  const device = i % request.topics;
  const status = i % request.alarmEvery === request.alarmEvery - 1 ? request.alarmText : 'normal';
  const text = `{"dev":"d${device}","t":${(20 + (i % 97) / 10).toFixed(1)},"h":${40 + (i % 31)},"st":"${status}","seq":${i},"bat":${i % 100}}`;
  const payload = utf8.encode(text.padEnd(100, ' '));
  return {
    id: i + 1,
    connectionId: 'bench',
    topic: `plant/${device % 40}/line${device % 7}/dev${device}/telemetry`,
    qos: (i % 3) as 0 | 1 | 2,
    retain: false,
    time: START_TIME + i * 10,
    size: payload.length,
    payload,
  };
}

async function fill(store: HistoryStore, request: ExplorerRequest): Promise<void> {
  for (let at = 0; at < request.messages; at += FILL_BATCH) {
    const n = Math.min(FILL_BATCH, request.messages - at);
    await store.appendBatch(Array.from({ length: n }, (_, k) => telemetry(at + k, request)));
  }
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[values.length >> 1]!;

/** The explorer's first page: it asks again with `next` until the page is full. */
async function firstPage(store: HistoryStore, text: string, limit: number) {
  const start = performance.now();
  let returned = 0;
  let calls = 0;
  let before: number | undefined;
  do {
    const page = await store.readPage({ text, limit, before });
    calls += 1;
    returned += page.messages.length;
    before = page.next;
  } while (returned < limit && before !== undefined);
  return { ms: performance.now() - start, returned, calls };
}

/** Every match counted with countMatching's bounded steps. */
async function countAll(store: HistoryStore, text: string) {
  const start = performance.now();
  let found = 0;
  let calls = 0;
  let before: number | undefined;
  do {
    const step = await store.countMatching({ text, limit: 0, before });
    if (step.error) throw new Error(step.error.message);
    calls += 1;
    found += step.count;
    before = step.next;
  } while (before !== undefined);
  return { ms: performance.now() - start, found, calls };
}

// Each search is repeated: one run alone swung 2–3× with what the storage process was doing
// (compaction after the import just before).
async function search(store: HistoryStore, request: ExplorerRequest) {
  const firsts = [];
  const alls = [];
  for (let run = 0; run < SEARCH_RUNS; run++) {
    firsts.push(await firstPage(store, request.alarmText, request.pageLimit));
    alls.push(await countAll(store, request.alarmText));
  }
  return {
    firstMs: median(firsts.map((r) => r.ms)),
    firstRunsMs: firsts.map((r) => Math.round(r.ms)),
    firstReturned: Math.min(...firsts.map((r) => r.returned)),
    firstCalls: Math.max(...firsts.map((r) => r.calls)),
    allMs: median(alls.map((r) => r.ms)),
    allRunsMs: alls.map((r) => Math.round(r.ms)),
    found: Math.min(...alls.map((r) => r.found)),
    allCalls: Math.max(...alls.map((r) => r.calls)),
  };
}

serveRequests<ExplorerRequest, ExplorerReport>(async (request) => {
  const db = createDbConnection('bench-explorer');
  const store = createHistoryStore(db);
  let start = performance.now();
  await fill(store, request);
  const fillMs = performance.now() - start;
  const transfers = createTransfers();
  const sources = { store: async () => store } as unknown as HistorySources;
  const ignore = () => undefined;

  // The reading alone, without encoding or writing: what export's own work adds to it.
  start = performance.now();
  let visited = 0;
  await store.scan({ limit: 0 }, 'oldest-first', ({ matches }) => void (visited += matches.length));
  const scanMs = performance.now() - start;
  if (visited !== request.messages) throw new Error(`the scan visited ${visited} messages`);
  start = performance.now();
  const exported = await exportHistory(
    { sources, transfers },
    { jobId: 'export', format: 'ndjson', query: { limit: 0 } },
    ignore,
  );
  const exportMs = performance.now() - start;
  if (!exported.ok || !exported.blob) throw new Error(`export failed: ${JSON.stringify(exported)}`);

  start = performance.now();
  const imported = await importCapture(
    { captures: createCaptures(db), transfers },
    { jobId: 'import', name: 'bench', file: exported.blob },
    ignore,
  );
  const importMs = performance.now() - start;
  if (!imported.ok) throw new Error(`import failed: ${imported.message}`);

  return {
    fillMs,
    export: { ms: exportMs, messages: exported.messages, bytes: exported.bytes, scanMs },
    import: {
      ms: importMs,
      messages: imported.capture.messages,
      skipped: imported.skipped,
      problems: imported.problems,
    },
    search: await search(store, request),
  };
});
