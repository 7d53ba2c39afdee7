// History queries with the whole run's messages stored: the bench's history page times the
// app's own history store in a dedicated worker over the app's database (same origin, so the
// app's service worker, if any, is unregistered first).
import { BENCH_PREFIX } from './bench-server';
import type { CdpClient } from './cdp-client';
import { openPage } from './page-target';
import type { HistoryTimingReport, QueryName } from './pages/history-main';
import { ALARM_WORD, ONE_TOPIC, WILDCARD_FILTER } from './payload';
import { median } from './stats';

const PAGE_LIMIT = 100;
const HISTORY_TIMEOUT_MS = 10 * 60_000;

export interface QueryResult {
  /** Median of the timed repetitions, or null when the answer was not a correct page. */
  ms: number | null;
  note: string;
}

export interface HistoryResult {
  stored: number;
  queries: Record<QueryName, QueryResult>;
}

export async function measureHistory(
  cdp: CdpClient,
  serverUrl: string,
  repeat: number,
): Promise<HistoryResult> {
  // The app's service worker answers every navigation on its origin with the app's shell. The
  // offline cold start, which needed it, is over: unregister it so the bench page loads itself.
  const page = await openPage(cdp, 'about:blank');
  try {
    await page.send('Storage.clearDataForOrigin', {
      origin: new URL(serverUrl).origin,
      storageTypes: 'service_workers',
    });
    await page.navigate(`${serverUrl}${BENCH_PREFIX.slice(1)}history.html`);
    await page.waitFor<boolean>(
      'typeof window.benchHistory === "function"',
      10_000,
      'history page',
    );
    const request = {
      repeat,
      oneTopic: ONE_TOPIC,
      wildcard: WILDCARD_FILTER,
      text: ALARM_WORD,
      limit: PAGE_LIMIT,
    };
    const report = await page.evaluate<HistoryTimingReport>(
      `window.benchHistory(${JSON.stringify(request)})`,
      HISTORY_TIMEOUT_MS,
    );
    const queries = {} as Record<QueryName, QueryResult>;
    for (const q of report.queries) {
      const times = q.timesMs.map((t) => t.toFixed(1)).join(', ');
      queries[q.name] =
        q.invalid === undefined
          ? { ms: median(q.timesMs) ?? null, note: `${q.returned} rows; runs ${times} ms` }
          : { ms: null, note: `not a correct first page: ${q.invalid}` };
    }
    return { stored: report.stored, queries };
  } finally {
    await page.close();
  }
}
