// The wall kiosk in real time: the 12-tile endurance dashboard fed by the simulated device at
// 200 msg/s; JS heap after a forced GC (page + worker) at the end against after a warm-up, DOM
// nodes, and the renderer process's CPU (main thread and worker) from /proc between the two.
import { startSimulatedDevice } from '../../broker-dev/simulated-device';
import type { CdpClient } from './cdp-client';
import { kioskDashboard, MESSAGES_PER_TICK } from './kiosk-dashboard';
import { openKiosk, type KioskPage } from './kiosk-page';
import { sampleKiosk, totalHeapMb, type KioskSample } from './kiosk-sample';
import { chromiumCpuMs } from './proc-cpu';

/** The rate: 4 sensors (the ones the tiles show) × 3 topics every 60 ms. */
export const KIOSK_RATE_PER_S = 200;
const SENSORS = 4;
const SENSOR_INTERVAL_MS = (SENSORS * MESSAGES_PER_TICK * 1_000) / KIOSK_RATE_PER_S;

export interface KioskResult {
  view: KioskPage['view'];
  warmUpS: number;
  measuredS: number;
  /** Messages the app stored while measured; null when the kiosk shows no stored count. */
  messages: number | null;
  warm: KioskSample;
  end: KioskSample;
  heapGrowthPct: number;
  /** Renderer CPU over the measured wall time, % of one core (samples' own GC excluded). */
  cpuPct: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureKiosk(
  cdp: CdpClient,
  chromiumPid: number,
  opts: {
    appUrl: string;
    agentSource: string;
    browserUrl: string;
    deviceUrl: string;
    warmUpS: number;
    measuredS: number;
  },
): Promise<KioskResult> {
  const device = await startSimulatedDevice({
    brokerUrl: opts.deviceUrl,
    devices: SENSORS,
    intervalMs: SENSOR_INTERVAL_MS,
    seed: 1,
  });
  try {
    const kiosk = await openKiosk(cdp, {
      appUrl: opts.appUrl,
      agentSource: opts.agentSource,
      brokerUrl: opts.browserUrl,
      dashboard: kioskDashboard('kiosk-bench'),
    });
    try {
      await sleep(opts.warmUpS * 1_000);
      const warm = await sampleKiosk(cdp, kiosk, chromiumPid);
      const storedFrom = (await kiosk.app.stored()).value;
      // CPU is read apart from the samples: a forced GC and a heap walk are not the kiosk's work.
      const from = { ms: chromiumCpuMs(chromiumPid).renderer, at: Date.now() };
      await sleep(opts.measuredS * 1_000);
      const to = { ms: chromiumCpuMs(chromiumPid).renderer, at: Date.now() };
      const storedTo = (await kiosk.app.stored()).value;
      const messages = storedFrom < 0 || storedTo <= storedFrom ? null : storedTo - storedFrom;
      const end = await sampleKiosk(cdp, kiosk, chromiumPid);
      return {
        view: kiosk.view,
        warmUpS: opts.warmUpS,
        measuredS: opts.measuredS,
        messages,
        warm,
        end,
        heapGrowthPct: (100 * (totalHeapMb(end) - totalHeapMb(warm))) / totalHeapMb(warm),
        cpuPct: (100 * (to.ms - from.ms)) / (to.at - from.at),
      };
    } finally {
      await kiosk.close();
    }
  } finally {
    await device.stop();
  }
}

/** The line under the table: the view, the rate reached, heap and DOM at both ends. */
export function kioskLine(r: KioskResult): string {
  const mb = (n: number) => n.toFixed(1);
  const stored =
    r.messages === null
      ? 'no stored count shown'
      : `${r.messages} msgs stored (${(r.messages / r.measuredS).toFixed(0)} msg/s)`;
  return (
    `  kiosk (${r.view} view, ${r.warmUpS} s warm-up + ${r.measuredS} s): ${stored}; heap page ${mb(r.warm.pageHeapMb)} → ${mb(r.end.pageHeapMb)} MB, ` +
    `worker ${mb(r.warm.workerHeapMb)} → ${mb(r.end.workerHeapMb)} MB; ` +
    `DOM ${r.warm.domNodes} → ${r.end.domNodes}`
  );
}
