// The phases of a broker's suite: one run of bursts (ceiling, ingest QoS 0, QoS 1, 1 KB) and the
// primary broker's tail (latency, the fill to `total`, heap and DOM, cold start, history).
import type { AppPage } from './app-driver';
import type { BenchServers } from './bench-server';
import type { BenchBuild } from './build';
import type { Chromium } from './chromium';
import type { CpuProbe } from './cpu-probe';
import type { BenchOptions } from './options';
import type { PublishJob, Publisher } from './publisher-client';
import { measureCeiling, QOS0_WINDOW } from './scenario-ceiling';
import { measureColdStart } from './scenario-cold-start';
import { measureHeap } from './scenario-heap';
import { measureHistory } from './scenario-history';
import { measureIngest, type IngestResult } from './scenario-ingest';
import { measureLatency } from './scenario-latency';
import type { SuiteResult } from './suite-result';

const QOS1_WINDOW = 1_000;
const KB_PAYLOAD_BYTES = 1_024;

const burstJob = (count: number, qos: 0 | 1, sizeBytes: number, tag: string): PublishJob => ({
  topicPrefix: 'bench',
  tag,
  count,
  sizeBytes,
  qos,
  window: qos === 1 ? QOS1_WINDOW : QOS0_WINDOW,
});

export type Step = <T>(what: string, run: () => Promise<T>) => Promise<T | undefined>;

export interface SuiteContext {
  app: AppPage | undefined;
  chromium: Chromium;
  pub: Publisher;
  cpu: CpuProbe;
  options: BenchOptions;
  built: BenchBuild;
  servers: BenchServers;
  brokerUrl: string;
}

/**
 * One run: the ceiling, then the app's QoS 0 burst (and for the primary, QoS 1 and 1 KB).
 * Returns when the measured part ended (broker log lines after it are the teardown's).
 */
export async function runBursts(
  result: SuiteResult,
  step: Step,
  ctx: SuiteContext,
  primary: boolean,
  of: string,
): Promise<number> {
  const { app, chromium, pub, cpu, options, built, servers } = ctx;
  const burst = options.burst;
  const ceiling =
    built.pageErrors.ceiling === undefined
      ? await step(`ceiling, ${burst} msgs (${of})`, () =>
          measureCeiling(chromium.cdp, servers.pages.url, ctx.brokerUrl, pub, burst, cpu),
        )
      : undefined;
  if (ceiling) result.ceiling.push(ceiling);
  if (!app) return Date.now();
  const ingest = async (
    list: IngestResult[],
    what: string,
    job: PublishJob,
    responsive = false,
  ) => {
    const measured = await step(what, () => measureIngest(app, pub, job, cpu, responsive));
    if (measured) list.push(measured);
    return measured;
  };
  const q0 = await ingest(result.qos0, `ingest QoS 0 (${of})`, burstJob(burst, 0, 100, 'q0'), true);
  if (q0?.msgsPerS && ceiling?.msgsPerS) result.ratios.push(q0.msgsPerS / ceiling.msgsPerS);
  if (primary) {
    await ingest(result.qos1, `ingest QoS 1 (${of})`, burstJob(burst, 1, 100, 'q1'));
    await ingest(result.kb, `ingest 1 KB (${of})`, burstJob(burst, 0, KB_PAYLOAD_BYTES, 'kb'));
  }
  return Date.now();
}

/**
 * Latency, the fill to `total`, heap and DOM, cold start, history: the primary broker's first
 * run only. Returns when the part that a broker log can explain ended (before the reload).
 */
export async function runPrimaryTail(
  result: SuiteResult,
  step: Step,
  ctx: SuiteContext & { app: AppPage },
): Promise<number> {
  const { app, chromium, pub, cpu, options, built, servers } = ctx;
  for (const { ratePerS, durationS } of options.latency) {
    const latency = await step(`latency at ${ratePerS} msg/s for ${durationS} s`, () =>
      measureLatency(app, pub, ratePerS, durationS),
    );
    if (latency) result.latency.push(latency);
  }
  const stored = (await app.stored()).value;
  if (stored < options.total) {
    const job = burstJob(options.total - stored, 0, 100, 'fill');
    result.fill = await step(`fill to ${options.total} stored (${job.count} msgs)`, () =>
      measureIngest(app, pub, job, cpu, false),
    );
  }
  result.heapAtStored = (await app.stored()).value;
  result.heap = await step('heap and DOM', () => measureHeap(chromium.cdp, app));
  const measuredUntil = Date.now();
  result.coldStart = await step('cold start offline', () =>
    measureColdStart(app, servers.app, built.appDir),
  );
  await app.page.close();
  if (built.pageErrors.history) result.errors.push(`history: ${built.pageErrors.history}`);
  else {
    result.history = await step('history queries', () =>
      measureHistory(chromium.cdp, servers.app.url, options.historyRepeat),
    );
  }
  return measuredUntil;
}
