// The app as a wall kiosk over raw CDP: saves the endurance dashboard through the app's own
// worker API, connects, subscribes to the devices, shows the kiosk, and keeps the page's
// dedicated worker attached so that heap samples cover both threads.
import type { Dashboard } from '../../src/dashboards/dashboard-model';
import { agentCall, connectApp, openApp, subscribeApp, type AppPage } from './app-driver';
import type { CdpClient } from './cdp-client';

const ATTACH_TIMEOUT_MS = 10_000;
const TILES_TIMEOUT_MS = 15_000;
/** How long the kiosk route may take to show tiles before the Dashboards view is used instead. */
const KIOSK_ROUTE_GRACE_MS = 4_000;

export interface KioskPage {
  app: AppPage;
  /** The flat CDP sessions of the page's dedicated workers (the app's one worker). */
  workerSessions(): string[];
  /** Which URL shows the dashboard: the kiosk route, or the Dashboards view until it exists. */
  view: 'kiosk' | 'dashboards';
  close(): Promise<void>;
}

/** Auto-attaches to the page's workers, tracking them until `stop`. */
async function trackWorkers(cdp: CdpClient, app: AppPage) {
  const sessions = new Map<string, string>(); // sessionId → worker URL
  const remove = cdp.onEvent((event) => {
    if (event.sessionId !== app.page.sessionId) return;
    const params = event.params as {
      sessionId: string;
      targetInfo?: { type: string; url: string };
    };
    if (event.method === 'Target.attachedToTarget' && params.targetInfo?.type === 'worker')
      sessions.set(params.sessionId, params.targetInfo.url);
    if (event.method === 'Target.detachedFromTarget') sessions.delete(params.sessionId);
  });
  await app.page.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: true,
  });
  const until = async (ok: () => boolean, what: string) => {
    const deadline = Date.now() + ATTACH_TIMEOUT_MS;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await until(() => sessions.size > 0, 'the app starts its worker');
  return { sessions, until, stop: remove };
}

/**
 * Calls `saveDashboard` on a second instance of the app's worker script, with Comlink's own wire
 * messages (as tests/fixtures/browser/worker-api.ts does): the app's code and IndexedDB, no test hook.
 */
const saveDashboardExpression = (workerUrl: string, dashboard: Dashboard) => `
  new Promise((resolve, reject) => {
    const worker = new Worker(${JSON.stringify(workerUrl)}, { type: 'module' });
    worker.addEventListener('message', (event) => {
      if (event.data?.id !== 'kiosk-save') return;
      worker.terminate();
      if (event.data.type === 'HANDLER') reject(new Error('saveDashboard threw'));
      else resolve(true);
    });
    worker.postMessage({ id: 'kiosk-save', type: 'APPLY', path: ['saveDashboard'],
      argumentList: [{ type: 'RAW', value: ${JSON.stringify(dashboard)} }] });
  })`;

const tileCount = `document.querySelectorAll('article').length`;
const chartCount = `document.querySelectorAll('.chart-box canvas').length`;

export async function openKiosk(
  cdp: CdpClient,
  opts: { appUrl: string; agentSource: string; brokerUrl: string; dashboard: Dashboard },
): Promise<KioskPage> {
  const app = await openApp(cdp, opts.appUrl, opts.agentSource);
  const workers = await trackWorkers(cdp, app);
  try {
    const [workerUrl = ''] = workers.sessions.values();
    await app.page.evaluate(saveDashboardExpression(workerUrl, opts.dashboard));
    await workers.until(() => workers.sessions.size === 1, 'the second worker ends');
    await connectApp(app, opts.brokerUrl);
    // Every device message reaches the worker, not only the tiles' topics.
    await subscribeApp(app, 'deck/devices/#', 0);
    const tiles = opts.dashboard.tiles.length;
    const charts = opts.dashboard.tiles.filter((t) => t.kind === 'chart').length;
    const shows = `${tileCount} >= ${tiles} && ${chartCount} >= ${charts}`;
    let view: KioskPage['view'] = 'kiosk';
    await app.page.evaluate(`location.hash = '#/kiosk/${opts.dashboard.id}'`);
    try {
      await app.page.waitFor(shows, KIOSK_ROUTE_GRACE_MS, 'the kiosk route shows the tiles');
    } catch {
      view = 'dashboards';
      await app.page.evaluate(`location.hash = '#/dashboards'`);
      await app.page.waitFor(shows, TILES_TIMEOUT_MS, 'the Dashboards view shows the tiles');
    }
    return {
      app,
      view,
      workerSessions: () => [...workers.sessions.keys()],
      async close() {
        workers.stop();
        await app.page.close();
      },
    };
  } catch (error) {
    workers.stop();
    throw error;
  }
}

/** The tiles' visible text, to check that the kiosk shows live values (no test asserts on it). */
export const tileTexts = (kiosk: KioskPage) =>
  kiosk.app.page.evaluate<string[]>(agentCall('textsOf', 'article'));
