// Latency: from the publish (a timestamp in the payload) to the row painted on screen, at a
// steady rate; the page records it for every row of the phase that it paints.
import { agentCall, type AppPage } from './app-driver';
import type { Publisher } from './publisher-client';
import { percentile } from './stats';

/** Rows still painting after the last one is stored. */
const SETTLE_MS = 500;

export interface LatencyResult {
  ratePerS: number;
  sent: number;
  lost: number;
  /** Rows painted and timed (a virtualized list paints only what is in view). */
  painted: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export async function measureLatency(
  app: AppPage,
  publisher: Publisher,
  ratePerS: number,
  durationS: number,
): Promise<LatencyResult> {
  const tag = `lat${ratePerS}`;
  const count = Math.round(ratePerS * durationS);
  const before = await app.stored();
  await app.page.evaluate(agentCall('watchRows', tag));
  let sendingDone = false;
  const sending = publisher
    .publish({ topicPrefix: 'bench', tag, count, sizeBytes: 100, qos: 0, ratePerS, window: 1_000 })
    .finally(() => (sendingDone = true));
  const { last: after } = await app.waitStored(before.value + count, () => sendingDone);
  const report = await sending;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const latencies = await app.page.evaluate<number[]>(agentCall('watchRows', ''));
  return {
    ratePerS,
    sent: report.sent,
    lost: report.sent - (after.value - before.value),
    painted: latencies.length,
    p50Ms: percentile(latencies, 50) ?? null,
    p99Ms: percentile(latencies, 99) ?? null,
  };
}
