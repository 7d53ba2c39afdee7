// MQTT 5 request/response: the user's requests waiting for an answer, found by response topic
// in one map lookup per received message (none at all while nothing waits), and bounded in count
// and age so a request nobody answers costs nothing after a while.
import type { StoredMessage } from '../../shared/protocol';

/** Requests waiting at once; beyond this the oldest is forgotten. */
export const PENDING_REQUESTS_MAX = 200;
/** A request not answered within this time is forgotten. */
export const REQUEST_TTL_MS = 10 * 60_000;

export interface RequestResponse {
  messageId: number;
  at: number;
}

interface Pending {
  seq: number;
  /** Key in `byTopic`, and key in its inner map. */
  topicKey: string;
  dataKey: string;
  at: number;
}

export interface RequestMatcherDeps {
  /** Request `seq` got its response. */
  answered(seq: number, response: RequestResponse): void;
  now?: () => number;
}

/** Requests without correlation data are answered by any message on their topic. */
const ANY = 'n';
/** Correlation data as a Map key: exact bytes, one char per byte. */
function dataKey(data: Uint8Array | undefined): string {
  if (!data) return ANY;
  let key = 'd';
  const CHUNK = 8_192;
  for (let i = 0; i < data.length; i += CHUNK) {
    key += String.fromCharCode(...data.subarray(i, i + CHUNK));
  }
  return key;
}

export function createRequestMatcher(deps: RequestMatcherDeps) {
  const now = deps.now ?? Date.now;
  // Insertion order is request order: the first entries are the oldest.
  const bySeq = new Map<number, Pending>();
  // connection + response topic -> correlation data -> seqs, oldest first.
  const byTopic = new Map<string, Map<string, number[]>>();

  function forget(seq: number): void {
    const pending = bySeq.get(seq);
    if (!pending) return;
    bySeq.delete(seq);
    const inner = byTopic.get(pending.topicKey);
    const seqs = inner?.get(pending.dataKey);
    if (!inner || !seqs) return;
    seqs.splice(seqs.indexOf(seq), 1);
    if (seqs.length === 0) inner.delete(pending.dataKey);
    if (inner.size === 0) byTopic.delete(pending.topicKey);
  }

  function expire(at: number): void {
    for (const pending of bySeq.values()) {
      if (at - pending.at < REQUEST_TTL_MS && bySeq.size <= PENDING_REQUESTS_MAX) return;
      forget(pending.seq);
    }
  }

  function take(inner: Map<string, number[]>, key: string): number | undefined {
    const seq = inner.get(key)?.[0];
    if (seq !== undefined) forget(seq);
    return seq;
  }

  return {
    /** A request was sent: wait for the first message on its response topic that matches. */
    track(
      seq: number,
      connectionId: string,
      responseTopic: string,
      correlationData?: Uint8Array,
    ): void {
      forget(seq);
      const at = now();
      const pending: Pending = {
        seq,
        topicKey: `${connectionId}\n${responseTopic}`,
        dataKey: dataKey(correlationData),
        at,
      };
      bySeq.set(seq, pending);
      let inner = byTopic.get(pending.topicKey);
      if (!inner) byTopic.set(pending.topicKey, (inner = new Map()));
      const seqs = inner.get(pending.dataKey);
      if (seqs) seqs.push(seq);
      else inner.set(pending.dataKey, [seq]);
      expire(at);
    },

    /** A received message: answers the oldest matching request, if any. */
    observe(
      message: Pick<StoredMessage, 'id' | 'connectionId' | 'topic' | 'time' | 'properties'>,
    ): void {
      if (bySeq.size === 0) return;
      expire(now()); // looks at the oldest request only, unless some are due
      const inner = byTopic.get(`${message.connectionId}\n${message.topic}`);
      if (!inner) return;
      const data = message.properties?.correlationData;
      const seq = (data ? take(inner, dataKey(data)) : undefined) ?? take(inner, ANY);
      if (seq !== undefined) deps.answered(seq, { messageId: message.id, at: message.time });
    },

    forget,
    pendingCount: () => bySeq.size,
  };
}

export type RequestMatcher = ReturnType<typeof createRequestMatcher>;
