// The explorer's reads (counts, topic statistics, the connection log, upgrades) bundled into a
// blank page (query-entry.ts) against Chromium's IndexedDB; see store-page.ts.
import type { BrowserSuite } from './harness';
import { openEntryPage } from './store-page';

export type QueryHarness = Window['deckQuery'];

export const openQueryPage = (suite: BrowserSuite) =>
  openEntryPage<QueryHarness>(suite, 'query-entry.ts', 'deckQuery');
