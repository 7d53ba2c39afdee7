// Calls the app's worker API from a test the way the UI does, with Comlink's own messages, on a
// second instance of the built worker started in the page: the same code, origin and IndexedDB,
// and no hook added to the app. Fast enough for tables of hundreds of calls.
import type { Page } from 'playwright-core';
import type { DeckApi } from '../../worker/protocol';

type Call = (method: string, args: unknown[]) => Promise<unknown>;

declare global {
  interface Window {
    __deckWorkerApi?: Call;
  }
}

export type WorkerApiCall = <K extends Exclude<keyof DeckApi, 'events'>>(
  method: K,
  ...args: Parameters<DeckApi[K]>
) => Promise<Awaited<ReturnType<DeckApi[K]>>>;

/** Starts the worker the app's page runs (its URL taken from the page) and returns a caller. */
export async function openWorkerApi(page: Page): Promise<WorkerApiCall> {
  const appWorker = page.workers()[0] ?? (await page.waitForEvent('worker'));
  await page.evaluate((url) => {
    const worker = new Worker(url, { type: 'module' });
    const pending = new Map<string, { resolve(v: unknown): void; reject(e: Error): void }>();
    let next = 0;
    worker.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as { id?: string; type?: string; value?: unknown };
      const waiting = data.id === undefined ? undefined : pending.get(data.id);
      if (!waiting || data.id === undefined) return;
      pending.delete(data.id);
      // Comlink answers a throw with a HANDLER "throw" wire value holding the error's fields.
      if (data.type === 'HANDLER') {
        const thrown = data.value as { value?: { message?: string } } | undefined;
        waiting.reject(new Error(thrown?.value?.message ?? 'the worker threw'));
      } else waiting.resolve(data.value);
    });
    window.__deckWorkerApi = (method, args) =>
      new Promise((resolve, reject) => {
        const id = `test-${next++}`;
        pending.set(id, { resolve, reject });
        const argumentList = args.map((value) => ({ type: 'RAW', value }));
        worker.postMessage({ id, type: 'APPLY', path: [method], argumentList });
      });
  }, appWorker.url());
  return ((method: string, ...args: unknown[]) =>
    page.evaluate(
      ([name, list]) => {
        const call = window.__deckWorkerApi;
        if (!call) throw new Error('openWorkerApi did not run in this page');
        return call(name, list);
      },
      [method, args] as const,
    )) as WorkerApiCall;
}
