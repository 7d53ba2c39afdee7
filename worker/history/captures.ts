// Captures: imported NDJSON files, each in an IndexedDB database of its own (same schema as live
// history), listed in the main database's settings under `captures`.
import { deleteDB } from 'idb';
import { createDbConnection, STORES } from '../db/database';
import type { DeckDb } from '../db/schema';
import { createHistoryStore } from './history-store';
import type { HistoryStore } from './history-store';
import type { CaptureInfo, Result } from '../../shared/protocol';

export interface Captures {
  /** Every capture, newest first. */
  list(): Promise<CaptureInfo[]>;
  /** The history store of a capture, opened once and kept; undefined for an unknown id. */
  store(id: string): Promise<HistoryStore | undefined>;
  /** Deletes the capture's database and its entry. */
  remove(id: string): Promise<Result<object>>;
  /** Lists a new, empty capture as `importing` and opens its store. */
  create(name: string, fileName?: string): Promise<{ info: CaptureInfo; store: HistoryStore }>;
  /** Records an import's totals and clears `importing`. */
  finish(id: string, totals: CaptureTotals): Promise<CaptureInfo | undefined>;
}

export type CaptureTotals = Pick<CaptureInfo, 'messages' | 'bytes' | 'firstTime' | 'lastTime'>;

export const CAPTURE_DB_PREFIX = 'mqtt-deck-capture-';
/** How long a delete waits for other tabs to close the capture before it says so. */
const DELETE_BLOCKED_WAIT_MS = 5_000;
const ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
const MAX_NAME_CHARS = 100;

const optionalNumber = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** One registry entry as another version of the app may have written it: kept only if sound. */
export function readCaptureInfo(value: unknown): CaptureInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || !ID_PATTERN.test(v.id)) return undefined;
  if (typeof v.name !== 'string' || typeof v.createdAt !== 'number') return undefined;
  const info: CaptureInfo = {
    id: v.id,
    name: v.name.slice(0, MAX_NAME_CHARS),
    createdAt: v.createdAt,
    messages: Math.max(0, optionalNumber(v.messages) ?? 0),
    bytes: Math.max(0, optionalNumber(v.bytes) ?? 0),
  };
  if (typeof v.fileName === 'string') info.fileName = v.fileName.slice(0, 260);
  const firstTime = optionalNumber(v.firstTime);
  const lastTime = optionalNumber(v.lastTime);
  if (firstTime !== undefined) info.firstTime = firstTime;
  if (lastTime !== undefined) info.lastTime = lastTime;
  if (v.importing === true) info.importing = true;
  return info;
}

const readRegistry = (value: unknown): CaptureInfo[] =>
  Array.isArray(value) ? value.flatMap((entry) => readCaptureInfo(entry) ?? []) : [];

/** Deletes a database; waits a while if another tab holds it open, then says so. */
async function deleteDatabase(name: string): Promise<boolean> {
  let blocked = false;
  const deleting = deleteDB(name, { blocked: () => (blocked = true) });
  const waited = await Promise.race([
    deleting.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), DELETE_BLOCKED_WAIT_MS)),
  ]);
  return waited || !blocked;
}

export function createCaptures(db: () => Promise<DeckDb>): Captures {
  const open = new Map<string, { connection: () => Promise<DeckDb>; store: HistoryStore }>();

  /** Read-modify-write of the registry in one transaction, so two tabs never lose an entry. */
  async function update(change: (list: CaptureInfo[]) => CaptureInfo[]): Promise<CaptureInfo[]> {
    const tx = (await db()).transaction(STORES.settings, 'readwrite');
    const list = change(readRegistry(await tx.store.get('captures')));
    await Promise.all([tx.store.put(list, 'captures'), tx.done]);
    return list;
  }

  const list = async () => readRegistry(await (await db()).get(STORES.settings, 'captures'));

  function opened(id: string) {
    let entry = open.get(id);
    if (!entry) {
      const connection = createDbConnection(CAPTURE_DB_PREFIX + id);
      entry = { connection, store: createHistoryStore(connection) };
      open.set(id, entry);
    }
    return entry.store;
  }

  return {
    list: async () => (await list()).sort((a, b) => b.createdAt - a.createdAt),

    async store(id) {
      if (open.has(id)) return opened(id);
      // Never open (and so create) a database for an id the registry does not hold.
      return (await list()).some((c) => c.id === id) ? opened(id) : undefined;
    },

    async remove(id) {
      if (!(await list()).some((c) => c.id === id)) {
        return { ok: false, code: 'invalid-option', message: 'This capture no longer exists.' };
      }
      const entry = open.get(id);
      open.delete(id);
      if (entry) (await entry.connection().catch(() => undefined))?.close();
      if (!(await deleteDatabase(CAPTURE_DB_PREFIX + id))) {
        return {
          ok: false,
          code: 'storage',
          message: 'Another tab is still reading this capture: close it there, then delete again.',
        };
      }
      await update((captures) => captures.filter((c) => c.id !== id));
      return { ok: true };
    },

    async create(name, fileName) {
      const info: CaptureInfo = {
        id: crypto.randomUUID(),
        name: name.slice(0, MAX_NAME_CHARS),
        createdAt: Date.now(),
        messages: 0,
        bytes: 0,
        importing: true,
      };
      if (fileName !== undefined) info.fileName = fileName.slice(0, 260);
      await update((captures) => [...captures, info]);
      return { info, store: opened(info.id) };
    },

    async finish(id, totals) {
      let done: CaptureInfo | undefined;
      await update((captures) =>
        captures.map((c) => {
          if (c.id !== id) return c;
          const finished: CaptureInfo = { ...c, ...totals };
          delete finished.importing;
          done = finished;
          return finished;
        }),
      );
      return done;
    },
  };
}
