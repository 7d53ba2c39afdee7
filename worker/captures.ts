// Captures: imported NDJSON files, each in an IndexedDB database of its own (same schema as live
// history), listed in the main database's settings under `captures`.
// OWNED BY THE IMPORT/EXPORT HELPER: the interface is the contract; the body is to be written.
import type { DeckDb } from './history-schema';
import type { HistoryStore } from './history-store';
import type { CaptureInfo, Result } from './protocol';

export interface Captures {
  /** Every capture, newest first. */
  list(): Promise<CaptureInfo[]>;
  /** The history store of a capture, opened once and kept; undefined for an unknown id. */
  store(id: string): Promise<HistoryStore | undefined>;
  /** Deletes the capture's database and its entry. */
  remove(id: string): Promise<Result<object>>;
}

// PLACEHOLDER until the helper writes it: no captures yet.
export function createCaptures(_db: () => Promise<DeckDb>): Captures {
  return {
    list: async () => [],
    store: async () => undefined,
    remove: async () => ({ ok: false, code: 'invalid-option', message: 'Not written yet.' }),
  };
}
