// Reaches the app's outbox from a test: calls the worker's API as Comlink would (a burst of
// publishes no person could click), and reads the outbox records straight from IndexedDB.
import type { Page, Worker } from 'playwright-core';
import type { OutboxState, PublishOptions } from '../../worker/protocol';

const DB_NAME = 'mqtt-deck';
const OUTBOX_STORE = 'outbox';

export interface OutboxRowView {
  seq: number;
  topic: string;
  qos: number;
  state: OutboxState;
  payload: string;
  packetId?: number;
  error?: string;
}

export interface PublishCall {
  topic: string;
  payload: string;
  options: PublishOptions;
}

/** The app's module worker (the page's only dedicated worker). */
async function appWorker(page: Page): Promise<Worker> {
  for (let i = 0; i < 100 && page.workers().length === 0; i++) await page.waitForTimeout(50);
  const worker = page.workers()[0];
  if (!worker) throw new Error('the app runs no module worker');
  return worker;
}

/**
 * Calls `api.publish` in the worker once per call, in order, without waiting for the answers:
 * each is a Comlink APPLY message delivered to the worker's own listener, exactly what the
 * page's Comlink proxy posts (the answers go to the page, which ignores ids it never sent).
 */
export async function publishThroughWorker(page: Page, calls: PublishCall[]): Promise<void> {
  const worker = await appWorker(page);
  await worker.evaluate((list) => {
    let id = 0;
    for (const call of list) {
      const argumentList = [call.topic, call.payload, call.options].map((value) => ({
        type: 'RAW',
        value,
      }));
      const data = { id: `outbox-test-${++id}`, type: 'APPLY', path: ['publish'], argumentList };
      self.dispatchEvent(new MessageEvent('message', { data }));
    }
  }, calls);
}

/** Every outbox record in the page's IndexedDB, in publish order (payloads as text). */
export function readOutbox(page: Page): Promise<OutboxRowView[]> {
  return page.evaluate(
    async ({ dbName, storeName }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName);
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(`cannot open IndexedDB "${dbName}"`));
      });
      try {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error ?? new Error('getAll failed'));
        });
        const text = new TextDecoder();
        return all.map((value) => {
          const r = value as Record<string, unknown>;
          const error = r.error as { message?: string } | undefined;
          return {
            seq: r.seq as number,
            topic: r.topic as string,
            qos: r.qos as number,
            state: r.state as OutboxState,
            payload: text.decode(r.payload as Uint8Array),
            ...(typeof r.packetId === 'number' ? { packetId: r.packetId } : {}),
            ...(error?.message ? { error: error.message } : {}),
          };
        });
      } finally {
        db.close();
      }
    },
    { dbName: DB_NAME, storeName: OUTBOX_STORE },
  );
}

/** How many outbox records are in each state. */
export async function outboxStates(page: Page): Promise<Partial<Record<OutboxState, number>>> {
  const counts: Partial<Record<OutboxState, number>> = {};
  for (const row of await readOutbox(page)) counts[row.state] = (counts[row.state] ?? 0) + 1;
  return counts;
}

/** How many records the app's IndexedDB store `storeName` holds. */
export function countRecords(page: Page, storeName: string): Promise<number> {
  return page.evaluate(
    async ({ dbName, name }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName);
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(`cannot open IndexedDB "${dbName}"`));
      });
      try {
        return await new Promise<number>((resolve, reject) => {
          const request = db.transaction(name, 'readonly').objectStore(name).count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('count failed'));
        });
      } finally {
        db.close();
      }
    },
    { dbName: DB_NAME, name: storeName },
  );
}
