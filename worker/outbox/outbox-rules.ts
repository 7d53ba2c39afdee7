// The outbox's pure rules: which of a connection's entries go out on a connect, what an ack
// means for an entry, and which finished entries are pruned. No IndexedDB, no mqtt.js here.
import type { OutboxRecord } from '../db/schema';
import type { OutboxEntry, OutboxState, PublishOptions } from '../../shared/protocol';

/**
 * An outbox record as the worker keeps it. `packetId` is set only while the packet sits in the
 * durable outgoing QoS store of a persistent session: it is written in the same transaction as
 * that store's record, so it never claims a packet the store does not hold.
 */
export interface OutboxRow extends OutboxRecord {
  packetId?: number;
}

/** The MQTT 5 fields of PublishOptions a row keeps, to send them again on every replay. */
const ROW_OPTIONS = [
  'userProperties',
  'contentType',
  'payloadFormatIndicator',
  'messageExpiryIntervalS',
  'topicAlias',
  'responseTopic',
  'correlationData',
] as const satisfies readonly (keyof PublishOptions & keyof OutboxRow)[];

/** Finished entries kept for the UI; older ones are deleted. */
export const OUTBOX_KEEP_FINISHED = 500;

export const isFinished = (state: OutboxState): boolean =>
  state === 'acknowledged' || state === 'failed';

/** A new publish for connection `connectionId`, 'queued'. */
export function newRow(
  seq: number,
  connectionId: string,
  topic: string,
  payload: Uint8Array,
  options: PublishOptions,
  at: number,
): OutboxRow {
  const row: OutboxRow = {
    seq,
    connectionId,
    topic,
    qos: options.qos,
    retain: options.retain,
    size: payload.byteLength,
    state: 'queued',
    createdAt: at,
    updatedAt: at,
    payload,
  };
  for (const key of ROW_OPTIONS) {
    if (options[key] !== undefined) Object.assign(row, { [key]: options[key] });
  }
  return row;
}

/** The PublishOptions a row was made from (for validation before it is sent). */
export function rowOptions(row: OutboxRow): PublishOptions {
  const options: PublishOptions = { qos: row.qos, retain: row.retain };
  for (const key of ROW_OPTIONS) {
    if (row[key] !== undefined) Object.assign(options, { [key]: row[key] });
  }
  return options;
}

/** What the UI sees of a row: never the payload, never the packet id. */
export function toEntry(row: OutboxRow): OutboxEntry {
  const entry: OutboxEntry = {
    seq: row.seq,
    connectionId: row.connectionId,
    topic: row.topic,
    qos: row.qos,
    retain: row.retain,
    size: row.size,
    state: row.state,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  if (row.error) entry.error = row.error;
  if (row.reason !== undefined) entry.reason = row.reason;
  if (row.responseTopic !== undefined) entry.responseTopic = row.responseTopic;
  if (row.correlationData !== undefined) entry.correlationData = row.correlationData;
  if (row.response) entry.response = row.response;
  return entry;
}

/** What one connection's unfinished rows become when a client for it is started. */
/**
 * What one connection's client may send: its own rows (each row keeps the connection it was
 * published for), stored durably and not finished, in publish order. Another connection's rows,
 * or those of a connection not open, wait for their own client.
 */
export function connectionRows(
  rows: Iterable<OutboxRow>,
  durable: ReadonlySet<number>,
  connectionId: string,
): OutboxRow[] {
  const mine: OutboxRow[] = [];
  for (const row of rows) {
    if (row.connectionId === connectionId && durable.has(row.seq) && !isFinished(row.state)) {
      mine.push(row);
    }
  }
  return mine.sort((a, b) => a.seq - b.seq);
}

export interface ConnectPlan {
  /** packet id -> seq: in the outgoing store, which mqtt.js replays itself; not sent again. */
  replayed: Map<number, number>;
  /** Left the outgoing store since they were linked: the broker acknowledged them. */
  acknowledged: number[];
  /** To publish, in publish order: queued ones, and sent ones nobody will replay. */
  send: number[];
}

/**
 * `persisted(id)` tells whether the session's durable outgoing store holds packet `id`; it is
 * undefined for a clean session, where the broker forgot everything: every row not finished is
 * sent (again), at least once.
 */
export function planConnect(
  rows: Iterable<OutboxRow>,
  persisted: ((packetId: number) => boolean) | undefined,
): ConnectPlan {
  const plan: ConnectPlan = { replayed: new Map(), acknowledged: [], send: [] };
  const ordered = [...rows].filter((r) => !isFinished(r.state)).sort((a, b) => a.seq - b.seq);
  for (const row of ordered) {
    if (row.state === 'sent' && persisted && row.packetId !== undefined) {
      if (persisted(row.packetId)) plan.replayed.set(row.packetId, row.seq);
      else plan.acknowledged.push(row.seq);
    } else {
      plan.send.push(row.seq);
    }
  }
  return plan;
}

/** The acks mqtt.js receives for an outgoing PUBLISH, as the outbox reads them. */
export type AckCommand = 'puback' | 'pubrec' | 'pubcomp';

/**
 * What an ack does to its entry: PUBACK and PUBCOMP finish it, PUBREC only when it refuses
 * (MQTT 5 reason code 0x80 or more; 0x10 "no matching subscribers" is a success).
 */
export function ackOutcome(
  cmd: AckCommand,
  reasonCode: number | undefined,
): 'acknowledged' | 'failed' | undefined {
  const refused = reasonCode !== undefined && reasonCode >= 0x80;
  if (cmd === 'pubcomp') return 'acknowledged';
  if (refused) return 'failed';
  return cmd === 'puback' ? 'acknowledged' : undefined;
}

/** The seqs of finished rows beyond the newest `keep` finished ones, oldest first. */
export function prunable(rows: Iterable<OutboxRow>, keep = OUTBOX_KEEP_FINISHED): number[] {
  const finished = [...rows].filter((r) => isFinished(r.state)).map((r) => r.seq);
  if (finished.length <= keep) return [];
  finished.sort((a, b) => a - b);
  return finished.slice(0, finished.length - keep);
}

/** The newest `max` rows, newest first, as entries. */
export function newestEntries(rows: Iterable<OutboxRow>, max: number): OutboxEntry[] {
  return [...rows]
    .sort((a, b) => b.seq - a.seq)
    .slice(0, max)
    .map(toEntry);
}
