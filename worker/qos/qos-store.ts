// mqtt.js's Store over IndexedDB: in-flight QoS 1/2 packets of one direction of one client id on
// one broker, kept in memory for mqtt.js's synchronous lookups and written through 'strict'.
// Records are keyed by a rising sequence, so replay keeps publish order across id wrap-around.
import type { IStore } from 'mqtt';
import { STORES } from '../db/schema';
import type { DeckDb, OutboxRecord, QosRecord, QosRecordKey } from '../db/schema';

type Packet = Parameters<IStore['put']>[0];
type StoreDone = Parameters<IStore['put']>[1];
type PacketCallback = Parameters<IStore['get']>[1];
// What was put is what is given back (structured clone turns Buffers into Uint8Arrays).
const asPacket = (record: QosRecord) => record.packet as Packet;

export interface QosStoreOptions {
  db: () => Promise<DeckDb>;
  scope: string;
  /** mqtt.js's own in-memory Store: its createStream() is the Readable mqtt.js's replay expects. */
  memoryStore: () => IStore;
  /** A write failed: the session ends the connection, unacknowledged. */
  onFailure(error: unknown): void;
  /**
   * Incoming QoS 2: mqtt.js sends PUBREC after put() calls back, whatever the error, so a
   * failed put must never call back (the connection ends instead and the broker resends).
   */
  holdOnFailure: boolean;
  /**
   * Incoming: the history transaction that stores a released QoS 2 message deletes its record
   * (history-append.ts), so mqtt.js's del(), which runs before that commit, only forgets it here.
   */
  deleteInHistory: boolean;
  /**
   * Outgoing: the outbox row a new PUBLISH belongs to ('sent', with its packet id), written in
   * the same transaction as the packet, so the outbox never claims a packet this store lacks.
   */
  linkOutbox?: (packet: Packet) => OutboxRecord | undefined;
}

export interface QosStore extends IStore {
  /** The record of a packet id, for deleting it in the history transaction that stores it. */
  keyOf(messageId: number): QosRecordKey | undefined;
  has(messageId: number): boolean;
  messageIds(): number[];
}

/** The scope of one direction of one session: two profiles never share packets. */
export function qosScope(direction: 'in' | 'out', url: string, clientId: string): string {
  return JSON.stringify([direction, url, clientId]);
}

export async function openQosStore(options: QosStoreOptions): Promise<QosStore> {
  const db = await options.db();
  const range = IDBKeyRange.bound([options.scope, -Infinity], [options.scope, Infinity]);
  const records = await db.getAll(STORES.qos, range);
  // Map order is insertion order: records arrive by sequence, and put() on a known id keeps its
  // place, as mqtt.js's own Store does (a PUBREL takes its PUBLISH's place).
  const packets = new Map<number, QosRecord>();
  let lastSeq = 0;
  for (const record of records) {
    packets.set(record.messageId, record);
    lastSeq = Math.max(lastSeq, record.seq);
  }

  const write = (apply: (tx: IDBObjectStore) => void, outbox?: OutboxRecord): Promise<void> =>
    options.db().then((d) => {
      const names = outbox ? [STORES.qos, STORES.outbox] : [STORES.qos];
      const tx = d.transaction(names, 'readwrite', { durability: 'strict' });
      apply(tx.objectStore(STORES.qos) as unknown as IDBObjectStore);
      if (outbox) (tx.objectStore(STORES.outbox) as unknown as IDBObjectStore).put(outbox);
      return tx.done;
    });

  const store: QosStore = {
    put(packet: Packet, cb: StoreDone) {
      const messageId = packet.messageId ?? 0;
      const known = packets.get(messageId);
      const record: QosRecord = {
        scope: options.scope,
        seq: known?.seq ?? ++lastSeq,
        messageId,
        packet: { ...packet },
      };
      packets.set(messageId, record);
      const linked = known || packet.cmd !== 'publish' ? undefined : options.linkOutbox?.(packet);
      write((s) => s.put(record), linked).then(
        () => cb?.(),
        (error: unknown) => {
          if (packets.get(messageId) === record) packets.delete(messageId);
          options.onFailure(error);
          if (!options.holdOnFailure)
            cb?.(error instanceof Error ? error : new Error(String(error)));
        },
      );
      return store;
    },
    get(packet, cb: PacketCallback) {
      const record = packets.get(packet.messageId ?? 0);
      if (record) cb(undefined, asPacket(record));
      else cb(new Error('missing packet'));
      return store;
    },
    del(packet, cb: PacketCallback) {
      const record = packets.get(packet.messageId ?? 0);
      if (!record) {
        cb(new Error('missing packet'));
        return store;
      }
      packets.delete(record.messageId);
      if (options.deleteInHistory) {
        cb(undefined, asPacket(record));
        return store;
      }
      // A leftover record is only resent on the next session (allowed for QoS 1, and a PUBREL
      // for QoS 2): report the failure, do not hold the acknowledged flow.
      write((s) => s.delete([record.scope, record.seq])).then(
        () => cb(undefined, asPacket(record)),
        (error: unknown) => {
          options.onFailure(error);
          cb(undefined, asPacket(record));
        },
      );
      return store;
    },
    createStream() {
      const memory = options.memoryStore();
      for (const record of packets.values()) memory.put(asPacket(record), () => {});
      return memory.createStream();
    },
    close(cb) {
      cb?.();
    },
    keyOf(messageId) {
      const record = packets.get(messageId);
      return record ? [record.scope, record.seq] : undefined;
    },
    has: (messageId) => packets.has(messageId),
    messageIds: () => [...packets.keys()],
  };
  return store;
}
