// The production app in a raw CDP tab, driven through its form by accessible names (as issue 2
// names them) with the probe from pages/app-agent.ts reporting what the page shows.
import type { CdpClient } from './cdp-client';
import { openPage, type PageTarget } from './page-target';

const UI_TIMEOUT_MS = 15_000;
const STORED_POLL_MS = 200;
/** The stored count has not moved for this long after the last send: the rest is lost. */
const STALL_MS = 15_000;
/** However steadily the count moves, a phase waits no longer than this. */
const PHASE_LIMIT_MS = 15 * 60_000;
/** A word "Connected", so that "Disconnected" never passes for it. */
const CONNECTED = /(^|[^A-Za-z])Connected\b/;

export interface StoredState {
  value: number;
  /** Wall-clock ms at which the page showed `value`. */
  at: number;
  /** The connection status the page shows. */
  status: string;
}

export interface WaitOutcome {
  last: StoredState;
  /** Every status other than "Connected" the page showed while waiting (e.g. a reconnect). */
  otherStatuses: string[];
  /** Why waiting ended before the target was stored. */
  gaveUp?: 'stalled' | 'time limit';
}

export interface AppPage {
  page: PageTarget;
  stored(): Promise<StoredState>;
  /** Waits until `target` are stored, or until the count stalls after the last send. */
  waitStored(target: number, sendingDone: () => boolean): Promise<WaitOutcome>;
}

const call = (method: string, ...args: unknown[]) =>
  `window.__bench.${method}(${args.map((a) => JSON.stringify(a)).join(', ')})`;

export async function openApp(
  cdp: CdpClient,
  appUrl: string,
  agentSource: string,
): Promise<AppPage> {
  const page = await openPage(cdp, appUrl, [agentSource]);
  await page.waitFor<boolean>(
    `!!window.__bench && document.querySelector('[aria-label="Stored messages"]') !== null`,
    UI_TIMEOUT_MS,
    'the app shows its stored count',
  );
  const stored = () => page.evaluate<StoredState>(call('stored'));
  return {
    page,
    stored,
    async waitStored(target, sendingDone) {
      let last = await stored();
      const startedAt = Date.now();
      let changedAt = startedAt;
      const otherStatuses = new Set<string>();
      let gaveUp: WaitOutcome['gaveUp'];
      while (last.value < target && gaveUp === undefined) {
        await new Promise((resolve) => setTimeout(resolve, STORED_POLL_MS));
        const now = await stored();
        if (now.value !== last.value) changedAt = Date.now();
        if (!CONNECTED.test(now.status)) otherStatuses.add(now.status);
        last = now;
        if (sendingDone() && Date.now() - changedAt > STALL_MS) gaveUp = 'stalled';
        else if (Date.now() - startedAt > PHASE_LIMIT_MS) gaveUp = 'time limit';
      }
      const outcome: WaitOutcome = { last, otherStatuses: [...otherStatuses] };
      if (gaveUp) outcome.gaveUp = gaveUp;
      return outcome;
    },
  };
}

export async function connectApp(app: AppPage, brokerUrl: string): Promise<void> {
  const { page } = app;
  // The form may be pre-filled a moment after start (saved profile): let that happen first.
  await page.waitFor<boolean>(
    `/^wss?:\\/\\//.test(String(${call('controlState', 'Broker URL')}))`,
    UI_TIMEOUT_MS,
    'the Broker URL field is filled in',
  );
  await page.evaluate(call('fill', 'Broker URL', brokerUrl));
  await page.evaluate(call('fill', 'MQTT version', '4'));
  await page.evaluate(call('press', 'Connect'));
  const statuses = `${call('textsOf', '[role="status"]')}.join(' | ')`;
  await page.waitFor<boolean>(
    `${CONNECTED}.test(${statuses})`,
    UI_TIMEOUT_MS,
    `the app connects to ${brokerUrl}`,
  );
}

/** Subscribes through the form and waits for the broker's grant. */
export async function subscribeApp(app: AppPage, filter: string, qos: 0 | 1): Promise<void> {
  const { page } = app;
  await page.evaluate(call('fill', 'Topic filter', filter));
  await page.evaluate(call('fill', 'Subscription QoS', String(qos)));
  await page.evaluate(call('press', 'Subscribe'));
  const rows = call('textsOf', 'li, [role="listitem"]');
  await page.waitFor<boolean>(
    `${rows}.some((t) => t.includes(${JSON.stringify(filter)}) && /granted QoS ${qos}/.test(t))`,
    UI_TIMEOUT_MS,
    `the broker grants ${filter} at QoS ${qos}`,
  );
}

export { call as agentCall };
