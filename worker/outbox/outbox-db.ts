// The outbox's IndexedDB access: read every row at start, write a batch of rows and deletions
// in one transaction. The policy (when, how durable) is outbox.ts's.
import { STORES } from '../db/schema';
import type { DeckDb } from '../db/schema';
import type { OutboxRow } from './outbox-rules';

const STATES = new Set(['queued', 'sent', 'acknowledged', 'failed']);

/** A row as an older or newer version of the app may have written it: checked, not trusted. */
function isRow(value: unknown): value is OutboxRow {
  const row = value as Partial<OutboxRow> | null;
  return (
    typeof row?.seq === 'number' &&
    typeof row.connectionId === 'string' &&
    typeof row.topic === 'string' &&
    (row.qos === 0 || row.qos === 1 || row.qos === 2) &&
    typeof row.state === 'string' &&
    STATES.has(row.state) &&
    row.payload instanceof Uint8Array &&
    optional(row.reason, 'string') &&
    optional(row.responseTopic, 'string') &&
    (row.correlationData === undefined || row.correlationData instanceof Uint8Array) &&
    (row.response === undefined ||
      (typeof row.response?.messageId === 'number' && typeof row.response.at === 'number'))
  );
}

/** The MQTT 5 send options are checked again before every send (publish-validation.ts). */
const optional = (value: unknown, type: 'string') => value === undefined || typeof value === type;

export interface OutboxDb {
  loadAll(): Promise<OutboxRow[]>;
  /** The highest seq stored (another tab may have added rows since loadAll). */
  maxSeq(): Promise<number>;
  /**
   * One transaction, `strict` when it holds new publishes (`fresh`): those are added, so a seq
   * another tab took fails the batch (ConstraintError) instead of overwriting its message.
   */
  write(
    puts: readonly OutboxRow[],
    deletes: readonly number[],
    fresh: ReadonlySet<number>,
  ): Promise<void>;
}

const ignore = () => {}; // a failed request fails tx.done, which the caller handles

export function createOutboxDb(db: () => Promise<DeckDb>): OutboxDb {
  return {
    async loadAll() {
      const all: unknown[] = await (await db()).getAll(STORES.outbox);
      return all.filter(isRow);
    },
    async maxSeq() {
      const cursor = await (await db()).transaction(STORES.outbox).store.openCursor(null, 'prev');
      return typeof cursor?.key === 'number' ? cursor.key : 0;
    },
    async write(puts, deletes, fresh) {
      const d = await db();
      const durability = fresh.size > 0 ? 'strict' : 'relaxed';
      const tx = d.transaction(STORES.outbox, 'readwrite', { durability });
      for (const row of puts) {
        (fresh.has(row.seq) ? tx.store.add(row) : tx.store.put(row)).catch(ignore);
      }
      for (const seq of deletes) tx.store.delete(seq).catch(ignore);
      await tx.done;
    },
  };
}
