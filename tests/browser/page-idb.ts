// Reads the worker's history straight from the page's IndexedDB, to check stored bytes exactly:
// the raw segment records and topic dictionary come out of the page, and are unpacked here with
// the pure segment codec, apart from the worker's own query code.
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { openSegment } from '../../worker/segment-codec';

export const DB_NAME = 'mqtt-deck';
export const SEGMENTS_STORE = 'segments';
export const TOPICS_STORE = 'topics';
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

interface RawHistory {
  topics: { id: number; topic: string }[];
  /** Each segment's packed bytes, base64, in key order. */
  segments: string[];
}

/** The raw records of the history stores, as stored. */
function readRawHistory(page: Page): Promise<RawHistory> {
  return page.evaluate(
    async ({ dbName, segmentsStore, topicsStore }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName);
        // Opening a missing database would create it and get in the worker's way: abort instead.
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(`cannot open IndexedDB "${dbName}"`));
      });
      const getAll = (tx: IDBTransaction, store: string) =>
        new Promise<unknown[]>((resolve, reject) => {
          const request = tx.objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error ?? new Error('getAll failed'));
        });
      try {
        const tx = db.transaction([segmentsStore, topicsStore], 'readonly');
        const [segments, topics] = await Promise.all([
          getAll(tx, segmentsStore),
          getAll(tx, topicsStore),
        ]);
        const base64 = (data: unknown) => {
          if (!(data instanceof ArrayBuffer)) throw new Error('a segment holds no ArrayBuffer');
          const bytes = new Uint8Array(data);
          let text = '';
          for (let i = 0; i < bytes.length; i += 0x8000) {
            text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          }
          return btoa(text);
        };
        return {
          topics: topics as { id: number; topic: string }[],
          segments: segments.map((s) => base64((s as { data?: unknown }).data)),
        };
      } finally {
        db.close();
      }
    },
    { dbName: DB_NAME, segmentsStore: SEGMENTS_STORE, topicsStore: TOPICS_STORE },
  );
}

function describePayload(bytes: Uint8Array): StoredPayload {
  return {
    length: bytes.length,
    bytes: bytes.length <= FULL_BYTES_LIMIT ? [...bytes] : undefined,
    head: [...bytes.subarray(0, END_BYTES)],
    tail: [...bytes.subarray(Math.max(0, bytes.length - END_BYTES))],
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** The payloads of every stored message on `topic`, in id order. */
export async function readStoredPayloads(page: Page, topic: string): Promise<StoredPayload[]> {
  const raw = await readRawHistory(page);
  const topicId = raw.topics.find((t) => t.topic === topic)?.id;
  if (topicId === undefined) return [];
  const out: StoredPayload[] = [];
  for (const segment of raw.segments) {
    const view = openSegment(new Uint8Array(Buffer.from(segment, 'base64')).buffer);
    for (let i = 0; i < view.count; i++) {
      if (view.topicIds[i] !== topicId) continue;
      const start = i === 0 ? 0 : view.payloadEnds[i - 1]!;
      out.push(describePayload(view.payloads.subarray(start, view.payloadEnds[i])));
    }
  }
  return out;
}
