// CPU spent by each process of the setup between two moments: Chromium by role, the broker;
// the publisher reports its own per job.
import type { BenchBroker } from './bench-broker';
import { chromiumCpuMs, type ChromiumRole } from './proc-cpu';

export type CpuSample = Partial<Record<ChromiumRole | 'broker', number>>;

export interface CpuProbe {
  sample(): Promise<CpuSample>;
}

export function createCpuProbe(chromiumPid: number, broker: BenchBroker): CpuProbe {
  return {
    async sample() {
      const sample: CpuSample = { ...chromiumCpuMs(chromiumPid) };
      const brokerMs = await broker.cpuMs();
      if (brokerMs !== undefined) sample.broker = brokerMs;
      return sample;
    },
  };
}

/** CPU ms per process between `before` and `after` (only where both were read). */
export function cpuBetween(before: CpuSample, after: CpuSample): CpuSample {
  const spent: CpuSample = {};
  for (const key of Object.keys(after) as (keyof CpuSample)[]) {
    const a = before[key];
    const b = after[key];
    if (a !== undefined && b !== undefined && b - a > 0) spent[key] = b - a;
  }
  return spent;
}

/** "renderer 12.3 s, network 4.1 s, …" for the report. */
export function formatCpu(spent: CpuSample, publisherMs: number | undefined): string {
  const parts = Object.entries(spent)
    .filter(([, ms]) => ms >= 50)
    .sort(([, a], [, b]) => b - a)
    .map(([role, ms]) => `${role} ${(ms / 1000).toFixed(1)} s`);
  if (publisherMs !== undefined) parts.push(`publisher ${(publisherMs / 1000).toFixed(1)} s`);
  return parts.join(', ');
}
