// Export, import and search over a million stored messages (issue 6): the bench's explorer page
// fills history in its own database on the pages origin, then times the app's own code there.
import { BENCH_PREFIX } from './bench-server';
import type { CdpClient } from './cdp-client';
import { openPage } from './page-target';
import type { ExplorerReport, ExplorerRequest } from './pages/explorer-main';

const EXPLORER_TIMEOUT_MS = 20 * 60_000;
const TOPICS = 3_000;
/** One message in ALARM_EVERY holds the searched word: 1,000 matches in a million. */
const ALARM_EVERY = 1_000;
const PAGE_LIMIT = 100;

export interface ExplorerResult {
  messages: number;
  exportMsgsPerS: number;
  importMsgsPerS: number;
  searchFirstMs: number;
  searchAllMs: number;
  report: ExplorerReport;
}

export async function measureExplorer(
  cdp: CdpClient,
  pagesUrl: string,
  messages: number,
): Promise<ExplorerResult> {
  const page = await openPage(cdp, `${pagesUrl}${BENCH_PREFIX.slice(1)}explorer.html`);
  try {
    await page.waitFor<boolean>('typeof window.benchExplorer === "function"', 10_000, 'explorer');
    const request: ExplorerRequest = {
      messages,
      topics: TOPICS,
      alarmEvery: ALARM_EVERY,
      alarmText: 'ALARM',
      pageLimit: PAGE_LIMIT,
    };
    const report = await page.evaluate<ExplorerReport>(
      `window.benchExplorer(${JSON.stringify(request)})`,
      EXPLORER_TIMEOUT_MS,
    );
    const { search } = report;
    // A figure only counts when the work was all done: every message out, in, and found.
    if (report.export.messages !== messages) {
      throw new Error(`exported ${report.export.messages} of ${messages} messages`);
    }
    if (report.import.messages !== messages || report.import.skipped !== 0) {
      throw new Error(
        `imported ${report.import.messages} of ${messages} (${report.import.problems[0] ?? ''})`,
      );
    }
    const expected = Math.floor(messages / ALARM_EVERY);
    if (search.found !== expected || search.firstReturned < Math.min(PAGE_LIMIT, expected)) {
      throw new Error(
        `the search found ${search.found} (first page ${search.firstReturned}), not ${expected}`,
      );
    }
    return {
      messages,
      exportMsgsPerS: messages / (report.export.ms / 1000),
      importMsgsPerS: messages / (report.import.ms / 1000),
      searchFirstMs: search.firstMs,
      searchAllMs: search.allMs,
      report,
    };
  } finally {
    await page.close();
  }
}
