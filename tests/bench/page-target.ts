// One browser tab as a flat CDP session: open, inject scripts before the page's own, evaluate.
// Only the Page domain is enabled (for load events); the page reports its figures itself.
import type { CdpClient } from './cdp-client';

const LOAD_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 100;

export interface PageTarget {
  targetId: string;
  sessionId: string;
  /** Runs `command` on this tab's session. */
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Evaluates a JavaScript expression in the page (awaiting a promise) and returns its value. */
  evaluate<T>(expression: string, timeoutMs?: number): Promise<T>;
  /** Polls `expression` until it is truthy; returns its value. */
  waitFor<T>(expression: string, timeoutMs: number, what: string): Promise<T>;
  navigate(url: string): Promise<void>;
  close(): Promise<void>;
}

interface EvaluateResult {
  result: { value?: unknown };
  exceptionDetails?: { text: string; exception?: { description?: string } };
}

export async function openPage(
  cdp: CdpClient,
  url: string,
  preloadScripts: readonly string[] = [],
): Promise<PageTarget> {
  const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', {
    url: 'about:blank',
  });
  const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
    targetId,
    flatten: true,
  });
  const send: PageTarget['send'] = (method, params = {}) => cdp.send(method, params, sessionId);

  const evaluate = async <T>(expression: string, timeoutMs?: number): Promise<T> => {
    const answer = await cdp.send<EvaluateResult>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
      timeoutMs,
    );
    if (answer.exceptionDetails) {
      const detail = answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text;
      throw new Error(`page threw while evaluating ${expression.slice(0, 80)}: ${detail}`);
    }
    return answer.result.value as T;
  };

  const navigate = async (to: string) => {
    const loaded = cdp.waitForEvent('Page.loadEventFired', {
      sessionId,
      timeoutMs: LOAD_TIMEOUT_MS,
    });
    const answer = await send<{ errorText?: string }>('Page.navigate', { url: to });
    if (answer.errorText) throw new Error(`cannot open ${to}: ${answer.errorText}`);
    await loaded;
  };

  const page: PageTarget = {
    targetId,
    sessionId,
    send,
    evaluate,
    async waitFor<T>(expression: string, timeoutMs: number, what: string) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await evaluate<T>(expression);
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
    },
    navigate,
    async close() {
      await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
    },
  };

  await send('Page.enable');
  for (const source of preloadScripts) {
    await send('Page.addScriptToEvaluateOnNewDocument', { source });
  }
  await navigate(url);
  return page;
}
