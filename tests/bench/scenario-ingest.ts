// Ingest: the app, connected and subscribed, takes a burst as fast as the broker delivers it;
// counted when stored (the page's "Stored messages"). Optionally, during the burst, long tasks
// on the main thread and a real click every 100 ms timed to the next paint.
import { agentCall, type AppPage } from './app-driver';
import { cpuBetween, formatCpu, type CpuProbe } from './cpu-probe';
import type { PublishJob, Publisher } from './publisher-client';
import { percentile } from './stats';

const CLICK_INTERVAL_MS = 100;
/** Harmless controls, first found wins: toggling either changes nothing until a publish or a connect. */
const CLICK_CONTROLS = ['Retain', 'Clean start'];

export interface Responsiveness {
  longTasksSupported: boolean;
  longestTaskMs: number;
  totalBlockingMs: number;
  clicks: number;
  /** The control clicked, or why none could be. */
  clicked: string;
  inputDelayP99Ms: number | null;
}

export interface IngestResult {
  msgsPerS: number | null;
  sent: number;
  stored: number;
  lost: number;
  seconds: number;
  cpu: string;
  /** Statuses other than Connected the app showed during the burst (a reconnect loses a queue). */
  otherStatuses: string[];
  /** Why the bench stopped waiting before everything sent was stored. */
  gaveUp?: string;
  responsiveness?: Responsiveness;
}

interface Clicker {
  control: string;
  stop(): Promise<void>;
}

/** The first of `CLICK_CONTROLS` the page shows, with its centre; or why there is none. */
async function findClickTarget(
  app: AppPage,
): Promise<{ name: string; x: number; y: number } | string> {
  const failures: string[] = [];
  for (const name of CLICK_CONTROLS) {
    try {
      const at = await app.page.evaluate<{ x: number; y: number }>(agentCall('clickTarget', name));
      return { name, ...at };
    } catch (error) {
      failures.push((error as Error).message.split('\n')[0] ?? '');
    }
  }
  return `no control to click: ${failures.join('; ')}`;
}

/** Clicks a harmless control through the browser's input pipeline every 100 ms until stopped. */
async function startClicking(app: AppPage): Promise<Clicker> {
  const target = await findClickTarget(app);
  if (typeof target === 'string') return { control: target, stop: async () => {} };
  const { x, y } = target;
  const mouse = (type: string) =>
    app.page.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1 });
  const sent: Promise<unknown>[] = [];
  // Not awaited: a person keeps clicking while the page is busy, and the browser queues it.
  const timer = setInterval(() => {
    sent.push(mouse('mousePressed').then(() => mouse('mouseReleased')));
  }, CLICK_INTERVAL_MS);
  return {
    control: `"${target.name}"`,
    async stop() {
      clearInterval(timer);
      await Promise.allSettled(sent);
    },
  };
}

export async function measureIngest(
  app: AppPage,
  publisher: Publisher,
  job: PublishJob,
  cpu: CpuProbe,
  withResponsiveness: boolean,
): Promise<IngestResult> {
  const before = await app.stored();
  const cpuBefore = await cpu.sample();
  const clicker = withResponsiveness ? await startClicking(app) : undefined;
  let sendingDone = false;
  const sending = publisher.publish(job).finally(() => (sendingDone = true));
  const {
    last: after,
    otherStatuses,
    gaveUp,
  } = await app.waitStored(before.value + job.count, () => sendingDone);
  const report = await sending;
  await clicker?.stop();
  const cpuAfter = await cpu.sample();

  const stored = after.value - before.value;
  const seconds = (after.at - report.firstSendAt) / 1000;
  const result: IngestResult = {
    msgsPerS: stored > 0 && seconds > 0 ? stored / seconds : null,
    sent: report.sent,
    stored,
    lost: report.sent - stored,
    seconds,
    cpu: formatCpu(cpuBetween(cpuBefore, cpuAfter), report.cpuMs),
    otherStatuses,
  };
  if (gaveUp) result.gaveUp = gaveUp;
  if (withResponsiveness) {
    const tasks = await app.page.evaluate<{
      supported: boolean;
      longestMs: number;
      totalBlockingMs: number;
    }>(agentCall('longTasks', report.firstSendAt, after.at));
    const delays = await app.page.evaluate<number[]>(agentCall('inputDelays'));
    result.responsiveness = {
      longTasksSupported: tasks.supported,
      longestTaskMs: tasks.longestMs,
      totalBlockingMs: tasks.totalBlockingMs,
      clicks: delays.length,
      clicked: clicker?.control ?? '',
      inputDelayP99Ms: percentile(delays, 99) ?? null,
    };
  }
  return result;
}
