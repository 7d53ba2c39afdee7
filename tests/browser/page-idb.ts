// Reads the worker's history straight from the page's IndexedDB, to check stored bytes exactly.
import type { Page } from 'playwright-core';

export const DB_NAME = 'mqtt-deck';
export const MESSAGES_STORE = 'messages';
// Payloads up to this size come back whole; bigger ones only as length, ends and digest.
const FULL_BYTES_LIMIT = 4_096;
const END_BYTES = 64;

export interface StoredPayload {
  length: number;
  /** The whole payload, when at most FULL_BYTES_LIMIT bytes. */
  bytes?: number[];
  head: number[];
  tail: number[];
  sha256: string;
}

/** The payloads of every stored message on `topic`, in key order. */
export function readStoredPayloads(page: Page, topic: string): Promise<StoredPayload[]> {
  return page.evaluate(
    async ({ dbName, storeName, topic, fullLimit, endBytes }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName);
        // Opening a missing database would create it and get in the worker's way: abort instead.
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(`cannot open IndexedDB "${dbName}"`));
      });
      try {
        const records = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error ?? new Error('getAll failed'));
        });
        const out = [];
        for (const record of records) {
          const r = record as { topic?: unknown; payload?: unknown };
          if (r.topic !== topic) continue;
          const p = r.payload;
          const bytes =
            p instanceof Uint8Array
              ? p
              : p instanceof ArrayBuffer
                ? new Uint8Array(p)
                : ArrayBuffer.isView(p)
                  ? new Uint8Array(p.buffer, p.byteOffset, p.byteLength)
                  : undefined;
          if (!bytes) throw new Error(`record on "${topic}" has no byte payload`);
          const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice()));
          out.push({
            length: bytes.length,
            bytes: bytes.length <= fullLimit ? [...bytes] : undefined,
            head: [...bytes.subarray(0, endBytes)],
            tail: [...bytes.subarray(Math.max(0, bytes.length - endBytes))],
            sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
          });
        }
        return out;
      } finally {
        db.close();
      }
    },
    {
      dbName: DB_NAME,
      storeName: MESSAGES_STORE,
      topic,
      fullLimit: FULL_BYTES_LIMIT,
      endBytes: END_BYTES,
    },
  );
}
