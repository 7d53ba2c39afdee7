// One endurance sample of the kiosk over raw CDP: JS heap after a forced GC (page and worker),
// live DOM nodes, every chart's plotted point counts and the series rings' typed-array size (both
// read off the heap with Runtime.queryObjects, no hook in the app), and CPU so far.
import type { CdpClient } from './cdp-client';
import type { KioskPage } from './kiosk-page';
import { chromiumCpuMs } from './proc-cpu';

const MB = 1024 * 1024;

export interface KioskSample {
  atMs: number;
  pageHeapMb: number;
  workerHeapMb: number;
  /** Performance.getMetrics `Nodes`: DOM nodes alive (also detached ones not yet collected). */
  domNodes: number;
  /** Per uPlot instance: its pixel width and the length of each data array (x first). */
  charts: { width: number; points: number[] }[];
  /** Elements in all Float64Arrays of the page: the series rings are most of them. */
  float64Elements: number;
  /** CPU ms of Chromium's renderer processes so far (the page's main thread and its worker). */
  rendererCpuMs: number;
  /** Performance.getMetrics TaskDuration, s: the page's main thread busy time so far. */
  pageTaskS: number;
}

type Metrics = { metrics: { name: string; value: number }[] };
type Remote = { result: { objectId?: string; value?: unknown } };

async function heapMb(cdp: CdpClient, sessionId: string): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage', {}, sessionId);
  const { usedSize } = await cdp.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, sessionId);
  return usedSize / MB;
}

/** Calls `fn` (as `this`) on the array of live objects whose prototype `proto` evaluates to. */
async function onObjectsOf<T>(cdp: CdpClient, sessionId: string, proto: string, fn: string) {
  const group = 'kiosk-sample';
  try {
    const p = await cdp.send<Remote>(
      'Runtime.evaluate',
      { expression: proto, objectGroup: group },
      sessionId,
    );
    const { objects } = await cdp.send<{ objects: { objectId: string } }>(
      'Runtime.queryObjects',
      { prototypeObjectId: p.result.objectId, objectGroup: group },
      sessionId,
    );
    const answer = await cdp.send<Remote>(
      'Runtime.callFunctionOn',
      { objectId: objects.objectId, functionDeclaration: fn, returnByValue: true },
      sessionId,
    );
    return answer.result.value as T;
  } finally {
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group }, sessionId);
  }
}

// uPlot's constructor returns a plain object (`self`) holding its public API: find those.
const UPLOTS = `function () {
  return this
    .filter((o) => typeof o.setData === 'function' && Array.isArray(o.data) && o.root instanceof Element)
    .map((u) => ({ width: u.bbox ? u.bbox.width / devicePixelRatio : 0, points: u.data.map((d) => d.length) }));
}`;
const ELEMENTS = `function () { return this.reduce((sum, a) => sum + a.length, 0); }`;

export async function sampleKiosk(
  cdp: CdpClient,
  kiosk: KioskPage,
  chromiumPid: number,
): Promise<KioskSample> {
  const page = kiosk.app.page.sessionId;
  const pageHeapMb = await heapMb(cdp, page);
  let workerHeapMb = 0;
  for (const worker of kiosk.workerSessions()) workerHeapMb += await heapMb(cdp, worker);
  await cdp.send('Performance.enable', {}, page);
  const { metrics } = await cdp.send<Metrics>('Performance.getMetrics', {}, page);
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return {
    atMs: Date.now(),
    pageHeapMb,
    workerHeapMb,
    domNodes: metric('Nodes'),
    charts: await onObjectsOf(cdp, page, 'Object.prototype', UPLOTS),
    float64Elements: await onObjectsOf(cdp, page, 'Float64Array.prototype', ELEMENTS),
    rendererCpuMs: chromiumCpuMs(chromiumPid).renderer,
    pageTaskS: metric('TaskDuration'),
  };
}

/** CPU used between two samples, as a percentage of one core. */
export function cpuPctBetween(a: KioskSample, b: KioskSample): number {
  return (100 * (b.rendererCpuMs - a.rendererCpuMs)) / Math.max(1, b.atMs - a.atMs);
}

export const totalHeapMb = (s: KioskSample) => s.pageHeapMb + s.workerHeapMb;
