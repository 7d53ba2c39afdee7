// The topic tree with 10,000 topics stored: from the click on the History view's Topics tab to
// its rows on screen (topicStats in the worker, the tree built, the first rows painted), then the
// longest frame while scrolling a search that shows every topic. A Chromium of its own.
import mqtt from 'mqtt';
import { connectApp, openApp, subscribeApp } from './app-driver';
import type { CdpClient } from './cdp-client';

const TREE_PREFIX = 'bench-tree';
const TAB_TIMEOUT_MS = 15_000;
/** Frames scrolled, and pixels per frame, for the smoothness figure. */
const SCROLL_FRAMES = 120;
const SCROLL_PX_PER_FRAME = 300;

export interface TreeResult {
  topics: number;
  /** Median of the repetitions: click → rows painted. */
  ms: number;
  runsMs: number[];
  /** Longest frame (rAF to rAF) while scrolling the whole tree, and the rows it held. */
  longestScrollFrameMs: number;
  scrollRows: number;
}

/** Topics spread over three levels (10 × 100 × the rest), every one distinct. */
export const treeTopic = (i: number) =>
  `${TREE_PREFIX}/g${i % 10}/n${Math.floor(i / 10) % 100}/t${i}`;

/** In the page: click the tab, then wait until tree rows are painted (two frames). */
const CLICK_TO_ROWS = `(async () => {
  const tab = document.getElementById('history-tab-topics');
  const start = performance.now();
  tab.click();
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  for (;;) {
    await frame();
    const rows = document.querySelectorAll('[role="tree"] [role="treeitem"]');
    const status = document.querySelector('.topics-bar [role="status"]')?.textContent ?? '';
    if (rows.length > 0 && !status.includes('Reading')) break;
    if (performance.now() - start > ${TAB_TIMEOUT_MS}) throw new Error('no tree rows');
  }
  await frame();
  return performance.now() - start;
})()`;

/** In the page: search every leaf, then scroll the tree frame by frame; the longest frame. */
const SCROLL = `(async () => {
  const input = document.querySelector('.topics-search input');
  input.value = 't';
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  await frame(); await frame();
  const tree = document.querySelector('[role="tree"]');
  let last = performance.now();
  let longest = 0;
  for (let i = 1; i <= ${SCROLL_FRAMES}; i++) {
    tree.scrollTop = i * ${SCROLL_PX_PER_FRAME};
    await frame();
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }
  return { longest, rows: Math.round(tree.scrollHeight / 52) };
})()`;

async function fill(publisherUrl: string, topics: number): Promise<void> {
  const client = await mqtt.connectAsync(publisherUrl, { reconnectPeriod: 0 });
  try {
    for (let i = 0; i < topics; i++) {
      client.publish(treeTopic(i), `{"v":${i}}`);
      if (i % 1_000 === 999) await new Promise((resolve) => setImmediate(resolve));
    }
    await client.publishAsync(`${TREE_PREFIX}/done`, 'x', { qos: 1 });
  } finally {
    await client.endAsync();
  }
}

export async function measureTree(
  cdp: CdpClient,
  opts: { appUrl: string; agentSource: string; browserUrl: string; publisherUrl: string },
  topics: number,
  repeat: number,
): Promise<TreeResult> {
  const app = await openApp(cdp, opts.appUrl, opts.agentSource);
  try {
    await connectApp(app, opts.browserUrl);
    await subscribeApp(app, `${TREE_PREFIX}/#`, 0);
    let sent = false;
    const filling = fill(opts.publisherUrl, topics).then(() => (sent = true));
    const outcome = await app.waitStored(topics + 1, () => sent);
    await filling;
    if (outcome.gaveUp) throw new Error(`only ${outcome.last.value} of ${topics + 1} stored`);
    const { page } = app;
    const runsMs: number[] = [];
    for (let run = 0; run < repeat; run++) {
      // Each run opens the History view afresh on its Explore tab, so the Topics tab mounts anew.
      await page.evaluate(`location.hash = '#/messages'`);
      await page.evaluate(`location.hash = '#/history'`);
      await page.waitFor<boolean>(
        `!!document.getElementById('history-tab-topics')`,
        TAB_TIMEOUT_MS,
        'the History view',
      );
      await page.evaluate(`document.getElementById('history-tab-explore').click()`);
      runsMs.push(await page.evaluate<number>(CLICK_TO_ROWS, TAB_TIMEOUT_MS * 2));
    }
    const scroll = await page.evaluate<{ longest: number; rows: number }>(SCROLL, 60_000);
    const sorted = [...runsMs].sort((a, b) => a - b);
    return {
      topics,
      ms: sorted[Math.floor(sorted.length / 2)]!,
      runsMs,
      longestScrollFrameMs: scroll.longest,
      scrollRows: scroll.rows,
    };
  } finally {
    await app.page.close();
  }
}
