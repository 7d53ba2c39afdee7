// The history writer's batches with the acknowledgements that wait on them: a QoS 1/2 message is
// acknowledged to the broker only once the batch holding it committed, so a batch carrying
// waiters is flushed within milliseconds (not at the 250 ms cadence) and written 'strict'.
import type { QosRelease } from '../db/schema';
import type { StoredMessage } from '../../shared/protocol';

/**
 * How long a batch holding a waiting acknowledgement may keep collecting. A broker with a small
 * in-flight window (Mosquitto's default is 20) sends nothing more until it has acks, so a batch
 * with waiters goes out almost at once; writes queued behind a running one still merge.
 */
export const ACK_FLUSH_DELAY_MS = 2;
/** Failed writes of a batch before its waiters are refused (the connection then ends unacked). */
export const ACK_MAX_FAILURES = 3;

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** What one flush hands to the writer's queue. */
export interface HistoryBatch {
  messages: StoredMessage[];
  /** One per QoS 1/2 message in `messages`, in order. */
  waiters: Waiter[];
  /** Incoming QoS 2 records to delete in the same transaction (released = stored, once). */
  releases: QosRelease[];
}

export interface AckCollector {
  /** Registers a QoS 1/2 message of the batch being collected; resolves when it committed. */
  wait(release: QosRelease | undefined): Promise<void>;
  /** Wraps the messages of one flush with the waiters collected since the last one. */
  take(messages: StoredMessage[]): HistoryBatch;
}

export function createAckCollector(): AckCollector {
  let waiters: Waiter[] = [];
  let releases: QosRelease[] = [];
  return {
    wait(release) {
      if (release) releases.push(release);
      return new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
    },
    take(messages) {
      const batch = { messages, waiters, releases };
      if (waiters.length > 0) waiters = [];
      if (releases.length > 0) releases = [];
      return batch;
    },
  };
}

/** Merges consecutive queued batches into one write. */
export function mergeBatches(batches: readonly HistoryBatch[]): HistoryBatch {
  if (batches.length === 1) return batches[0]!;
  return {
    messages: batches.flatMap((b) => b.messages),
    waiters: batches.flatMap((b) => b.waiters),
    releases: batches.flatMap((b) => b.releases),
  };
}

/**
 * Gives up on the acknowledged part of batches that keep failing: their waiters are refused (the
 * broker redelivers what was never acknowledged) and their QoS 1/2 messages leave the queue, so a
 * later successful write cannot store them a second time. QoS 0 messages keep retrying.
 */
export function refuseWaiters(batches: HistoryBatch[], error: unknown): StoredMessage[] {
  const removed: StoredMessage[] = [];
  for (const batch of batches) {
    if (batch.waiters.length === 0) continue;
    for (const waiter of batch.waiters) waiter.reject(error);
    batch.waiters = [];
    batch.releases = [];
    batch.messages = batch.messages.filter((m) => {
      if (m.qos === 0) return true;
      removed.push(m);
      return false;
    });
  }
  return removed;
}
