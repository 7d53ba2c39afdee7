// Memory and DOM after many messages: the page's and its dedicated worker's JS heap after a
// full GC, through CDP (the worker is attached only for this step), and the page's element count.
import { agentCall, type AppPage } from './app-driver';
import type { CdpClient } from './cdp-client';

const ATTACH_TIMEOUT_MS = 5_000;
const MB = 1024 * 1024;

export interface HeapResult {
  uiMb: number;
  /** Summed over the page's dedicated workers; null when none could be attached. */
  workerMb: number | null;
  workerNote?: string;
  domNodes: number;
}

async function usedHeapMb(cdp: CdpClient, sessionId: string): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage', {}, sessionId);
  const { usedSize } = await cdp.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, sessionId);
  return usedSize / MB;
}

/** Attaches to the page's dedicated workers, for as long as `use` runs. */
async function withWorkers<T>(
  cdp: CdpClient,
  app: AppPage,
  use: (sessionIds: string[]) => Promise<T>,
): Promise<T> {
  const sessionIds: string[] = [];
  const remove = cdp.onEvent((event) => {
    if (event.method !== 'Target.attachedToTarget' || event.sessionId !== app.page.sessionId)
      return;
    const params = event.params as { sessionId: string; targetInfo: { type: string } };
    if (params.targetInfo.type === 'worker') sessionIds.push(params.sessionId);
  });
  await app.page.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: true,
  });
  const deadline = Date.now() + ATTACH_TIMEOUT_MS;
  while (sessionIds.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    return await use(sessionIds);
  } finally {
    remove();
    await app.page.send('Target.setAutoAttach', {
      autoAttach: false,
      waitForDebuggerOnStart: false,
    });
    for (const sessionId of sessionIds) {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  }
}

export async function measureHeap(cdp: CdpClient, app: AppPage): Promise<HeapResult> {
  const uiMb = await usedHeapMb(cdp, app.page.sessionId);
  const domNodes = await app.page.evaluate<number>(agentCall('domNodes'));
  return withWorkers(cdp, app, async (sessionIds) => {
    if (sessionIds.length === 0) {
      return { uiMb, workerMb: null, workerNote: 'no dedicated worker to attach to', domNodes };
    }
    let workerMb = 0;
    for (const sessionId of sessionIds) workerMb += await usedHeapMb(cdp, sessionId);
    return { uiMb, workerMb, domNodes };
  });
}
