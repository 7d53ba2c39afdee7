// One broker's part of the bench, in its own Chromium with a fresh profile: ceiling and ingest
// bursts (repeated `runs` times); for the primary broker also latency, the fill to `total`
// messages, heap and DOM, the offline cold start and the history queries.
import { connectApp, openApp, subscribeApp } from './app-driver';
import type { BenchServers } from './bench-server';
import { startBroker, type BrokerName } from './brokers';
import type { BenchBuild } from './build';
import { launchChromium } from './chromium';
import { createCpuProbe } from './cpu-probe';
import type { BenchOptions } from './options';
import { startPublisher, type Publisher } from './publisher-client';
import { measureKiosk } from './scenario-kiosk';
import { measureExplorer } from './scenario-explorer';
import { measureTree } from './scenario-tree';
import { runBursts, runPrimaryTail } from './suite-phases';
import type { SuiteResult } from './suite-result';

export type { SuiteResult } from './suite-result';

/** Topics of the tree scenario (`tree_10k_topics_ms`), fewer in a smoke run. */
const TREE_TOPICS = 10_000;
const SMOKE_TREE_TOPICS = 1_000;

const STARTED_AT = Date.now();
const progress = (text: string) =>
  console.error(`[bench ${((Date.now() - STARTED_AT) / 1000).toFixed(0).padStart(4)} s] ${text}`);

export async function runSuite(
  name: BrokerName,
  primary: boolean,
  options: BenchOptions,
  built: BenchBuild,
  servers: BenchServers,
): Promise<SuiteResult> {
  const broker = await startBroker(name);
  const result: SuiteResult = {
    broker: name,
    describe: broker.describe,
    ceiling: [],
    qos0: [],
    ratios: [],
    qos1: [],
    kb: [],
    latency: [],
    brokerNotes: [],
    errors: [],
  };
  const step = async <T>(what: string, run: () => Promise<T>): Promise<T | undefined> => {
    progress(`${name}: ${what}`);
    try {
      return await run();
    } catch (error) {
      result.errors.push(`${what}: ${(error as Error).message.split('\n')[0]}`);
      progress(`${name}: ${what} failed: ${(error as Error).message}`);
      return undefined;
    }
  };
  let publisher: Publisher | undefined;
  try {
    publisher = await startPublisher(broker.publisherUrl);
    if (built.pageErrors.ceiling) result.errors.push(`ceiling: ${built.pageErrors.ceiling}`);
    const runs = options.kioskOnly ? 0 : primary ? options.runs : 1;
    for (let run = 1; run <= runs; run++) {
      // A fresh Chromium and profile per run: every run starts from an empty database.
      const chromium = await launchChromium();
      const from = Date.now();
      try {
        const app = await step(
          `open the app, connect, subscribe (run ${run}/${runs})`,
          async () => {
            const page = await openApp(chromium.cdp, servers.app.url, built.agentSource);
            await connectApp(page, broker.browserUrl);
            await subscribeApp(page, 'bench/#', 1);
            return page;
          },
        );
        const cpu = createCpuProbe(chromium.pid, broker);
        const pub = publisher;
        const ctx = {
          app,
          chromium,
          pub,
          cpu,
          options,
          built,
          servers,
          brokerUrl: broker.browserUrl,
        };
        const until = await runBursts(result, step, ctx, primary, `run ${run}/${runs}`);
        const tailUntil =
          primary && run === 1 && app ? await runPrimaryTail(result, step, { ...ctx, app }) : until;
        result.brokerNotes.push(...(await broker.notableLog(from, tailUntil)));
      } finally {
        await chromium.close();
      }
    }
    if (primary && !options.kioskOnly) {
      // A Chromium of its own, with only the tree's topics stored.
      const chromium = await launchChromium();
      const topics = options.mode === 'smoke' ? SMOKE_TREE_TOPICS : TREE_TOPICS;
      try {
        result.tree = await step(`topic tree of ${topics} topics`, () =>
          measureTree(
            chromium.cdp,
            {
              appUrl: servers.app.url,
              agentSource: built.agentSource,
              browserUrl: broker.browserUrl,
              publisherUrl: broker.publisherUrl,
            },
            topics,
            options.historyRepeat,
          ),
        );
      } finally {
        await chromium.close();
      }
    }
    if (primary && !options.kioskOnly) {
      // A Chromium of its own; the explorer page fills a database of its own on the pages origin.
      const chromium = await launchChromium();
      const count = options.explorerMessages;
      try {
        result.explorer = await step(`export, import and search over ${count} messages`, () =>
          measureExplorer(chromium.cdp, servers.pages.url, count),
        );
      } finally {
        await chromium.close();
      }
    }
    if (primary) {
      // A Chromium of its own: the kiosk's heap and CPU owe nothing to the bursts before it.
      const chromium = await launchChromium();
      try {
        result.kiosk = await step(`kiosk at 200 msg/s for ${options.kioskMeasuredS} s`, () =>
          measureKiosk(chromium.cdp, chromium.pid, {
            appUrl: servers.app.url,
            agentSource: built.agentSource,
            browserUrl: broker.browserUrl,
            deviceUrl: broker.publisherUrl,
            warmUpS: options.kioskWarmUpS,
            measuredS: options.kioskMeasuredS,
          }),
        );
      } finally {
        await chromium.close();
      }
    }
  } finally {
    await publisher?.close();
    await broker.stop();
  }
  return result;
}
