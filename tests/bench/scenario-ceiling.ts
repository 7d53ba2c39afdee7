// The ceiling: how many messages a second a bare mqtt.js subscriber in a dedicated worker takes
// from this broker on this machine right now, with nothing else of the app running.
import type { CdpClient } from './cdp-client';
import type { CeilingReport, CeilingRequest } from './pages/ceiling-main';
import { openPage } from './page-target';
import type { Publisher } from './publisher-client';
import { cpuBetween, formatCpu, type CpuProbe } from './cpu-probe';
import { BENCH_PREFIX } from './bench-server';

const CEILING_TOPICS = 'ceil';
const POLL_MS = 100;
const STALL_MS = 5_000;
export const QOS0_WINDOW = 1_000;

export interface CeilingResult {
  msgsPerS: number | null;
  received: number;
  lost: number;
  cpu: string;
  note?: string;
}

export async function measureCeiling(
  cdp: CdpClient,
  serverUrl: string,
  brokerUrl: string,
  publisher: Publisher,
  count: number,
  cpu: CpuProbe,
): Promise<CeilingResult> {
  const page = await openPage(cdp, `${serverUrl}${BENCH_PREFIX.slice(1)}ceiling.html`);
  const ask = (request: CeilingRequest) =>
    page.evaluate<CeilingReport>(`window.benchCeiling(${JSON.stringify(request)})`);
  try {
    await page.waitFor<boolean>(
      'typeof window.benchCeiling === "function"',
      10_000,
      'ceiling page',
    );
    await ask({ type: 'connect', url: brokerUrl, filter: `${CEILING_TOPICS}/#` });
    const cpuBefore = await cpu.sample();
    let done = false;
    const sending = publisher
      .publish({
        topicPrefix: CEILING_TOPICS,
        tag: 'ceil',
        count,
        sizeBytes: 100,
        qos: 0,
        window: QOS0_WINDOW,
      })
      .finally(() => (done = true));
    let report = await ask({ type: 'report' });
    let changedAt = Date.now();
    while (report.count < count) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const now = await ask({ type: 'report' });
      if (now.count !== report.count) changedAt = Date.now();
      report = now;
      if (done && Date.now() - changedAt > STALL_MS) break;
    }
    const sent = await sending;
    const cpuAfter = await cpu.sample();
    await ask({ type: 'close' });
    const seconds = (report.lastAt - sent.firstSendAt) / 1000;
    const result: CeilingResult = {
      msgsPerS: report.count > 0 && seconds > 0 ? report.count / seconds : null,
      received: report.count,
      lost: sent.sent - report.count,
      cpu: formatCpu(cpuBetween(cpuBefore, cpuAfter), sent.cpuMs),
    };
    if (result.msgsPerS === null) result.note = 'the bare subscriber received nothing';
    return result;
  } finally {
    await page.close();
  }
}
