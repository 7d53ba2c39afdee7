// CPU time per process from /proc (Linux): one process by pid, or Chromium's process tree
// grouped by role (browser, renderer, network service, storage service, gpu, other).
import { readFileSync, readdirSync } from 'node:fs';

// USER_HZ: /proc counts CPU time in these ticks; 100 on every Linux this bench runs on.
const TICKS_PER_S = 100;

interface ProcStat {
  ppid: number;
  cpuMs: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return { ppid: Number(fields[1]), cpuMs: (ticks * 1000) / TICKS_PER_S };
  } catch {
    return undefined; // gone, or not Linux
  }
}

/** CPU ms a process has used so far (user + system), or undefined when unreadable. */
export function processCpuMs(pid: number): number | undefined {
  return readStat(pid)?.cpuMs;
}

export type ChromiumRole = 'browser' | 'renderer' | 'network' | 'storage' | 'gpu' | 'other';

function roleOf(pid: number, rootPid: number): ChromiumRole {
  if (pid === rootPid) return 'browser';
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'other';
  }
  if (cmdline.includes('--type=renderer')) return 'renderer';
  if (cmdline.includes('network.mojom.NetworkService')) return 'network';
  if (cmdline.includes('storage.mojom.StorageService')) return 'storage';
  if (cmdline.includes('--type=gpu-process')) return 'gpu';
  return 'other';
}

/** CPU ms so far of `rootPid` and every descendant, summed per role. */
export function chromiumCpuMs(rootPid: number): Record<ChromiumRole, number> {
  const totals: Record<ChromiumRole, number> = {
    browser: 0,
    renderer: 0,
    network: 0,
    storage: 0,
    gpu: 0,
    other: 0,
  };
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
  } catch {
    return totals;
  }
  const stats = new Map<number, ProcStat>();
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat) stats.set(pid, stat);
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 16; hops++) {
      if (p === rootPid) return true;
      p = stats.get(p)?.ppid ?? 0;
    }
    return false;
  };
  for (const [pid, stat] of stats) {
    if (inTree(pid)) totals[roleOf(pid, rootPid)] += stat.cpuMs;
  }
  return totals;
}
