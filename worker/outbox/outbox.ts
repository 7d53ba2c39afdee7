// The outbox: every publish the user makes, kept in IndexedDB from 'queued' (strict, before it
// is sent) to 'acknowledged' or 'failed', sent in publish order through the live client
// (outbox-link.ts), one link per open connection, so a reload, a closed tab or a dropped
// connection loses none of them.
import type { MqttClient } from 'mqtt';
import type { createOutboxLink, LinkHost, OutboxLink } from './outbox-link';
import { createOutboxWrites } from './outbox-writes';
import { connectionRows, newRow, newestEntries, prunable } from './outbox-rules';
import type { OutboxRow } from './outbox-rules';
import type { OutboxDb } from './outbox-db';
import type {
  ConnectionProfile,
  DeckError,
  OutboxEntry,
  OutboxEvent,
  PublishOptions,
  PublishResult,
  Result,
  StoredMessage,
} from '../../shared/protocol';
import { OUTBOX_LIST_MAX } from '../../shared/protocol';
import type { createRequestMatcher } from './request-response';

type RequestMatcher = ReturnType<typeof createRequestMatcher>;
// The MQTT 5 publish checks and the request matcher are chunks fetched by the first publish (or
// the first request handed over): the worker's first load, before the first paint, goes without.
const loadValidation = () => import('../../shared/mqtt/publish-validation');

export interface OutboxDeps {
  db: OutboxDb;
  emit(event: OutboxEvent): void;
  now?: () => number;
  /** How long publish() waits for the broker before answering "queued" (default 30 s). */
  resultWaitMs?: number;
  /** An entry first handed to mqtt.js: history records it (published-history.ts). */
  onHandedOver?: LinkHost['handedOver'];
}

const RESULT_WAIT_MS = 30_000;
const REFUSED: DeckError = { code: 'refused', message: 'The message could not be sent.' };
const NO_PROFILE: DeckError = {
  code: 'not-connected',
  message: 'Connect to a broker once first: the outbox keeps messages for a connection.',
};

export function createOutbox(deps: OutboxDeps) {
  const now = deps.now ?? Date.now;
  const rows = new Map<number, OutboxRow>();
  // Rows whose 'queued' record committed: only these are ever sent.
  const durable = new Set<number>();
  const waiting = new Map<number, (result: PublishResult) => void>();
  let lastSeq = 0;
  // One link per connection id: each connected client sends its own connection's rows.
  const links = new Map<string, OutboxLink>();
  // Sent requests (a response topic) waiting for their answer among the received messages;
  // created when the first request is published or handed over (nothing pending: not loaded).
  let requests: RequestMatcher | undefined;
  let loadingRequests: Promise<RequestMatcher> | undefined;
  const requestMatcher = () =>
    (loadingRequests ??= import('./request-response').then(({ createRequestMatcher }) => {
      requests = createRequestMatcher({
        now,
        answered(seq, response) {
          const row = rows.get(seq);
          if (!row || row.response) return;
          row.response = response;
          writes.put(seq);
        },
      });
      return requests;
    }));

  const writes = createOutboxWrites({
    db: deps.db,
    row: (seq) => rows.get(seq),
    emit: deps.emit,
    afterCommit() {
      const old = prunable(rows.values());
      for (const seq of old) rows.delete(seq);
      if (old.length > 0) writes.remove(old);
    },
  });

  const ready = deps.db.loadAll().then(
    (loaded) => {
      for (const row of loaded) {
        rows.set(row.seq, row);
        durable.add(row.seq);
        lastSeq = Math.max(lastSeq, row.seq);
      }
    },
    () => {}, // no storage: publishes fail visibly when they cannot be queued
  );

  function settle(seq: number, result: PublishResult): void {
    const resolve = waiting.get(seq);
    waiting.delete(seq);
    resolve?.(result);
  }

  const queuedResult = (row: OutboxRow): PublishResult => ({
    ok: true,
    qos: row.qos,
    acknowledged: false,
    seq: row.seq,
    queued: true,
  });

  /** Writes a new row (strict); a seq another tab took meanwhile is replaced once. */
  async function store(row: OutboxRow): Promise<DeckError | undefined> {
    for (let attempt = 0; ; attempt++) {
      rows.set(row.seq, row);
      try {
        await writes.add(row.seq);
        return undefined;
      } catch (error) {
        rows.delete(row.seq);
        writes.forget(row.seq);
        if (attempt > 0 || (error as Error | null)?.name !== 'ConstraintError') {
          return { code: 'storage', message: `Could not queue it (${String(error)}).` };
        }
        lastSeq = Math.max(lastSeq, await deps.db.maxSeq().catch(() => lastSeq));
        row.seq = ++lastSeq;
      }
    }
  }

  const host: LinkHost = {
    row: (seq) => rows.get(seq),
    unfinished: (connectionId) => connectionRows(rows.values(), durable, connectionId),
    setState(seq, state, extra = {}) {
      const row = rows.get(seq);
      if (!row) return;
      row.state = state;
      row.updatedAt = now();
      if (extra.error) row.error = extra.error;
      if (extra.reason) row.reason = extra.reason;
      if (extra.clearPacket) delete row.packetId;
      writes.put(seq);
      if (state === 'failed') settle(seq, { ok: false, ...(row.error ?? REFUSED) });
      if (state === 'acknowledged') {
        settle(seq, { ok: true, qos: row.qos, acknowledged: row.qos > 0, seq, queued: false });
      }
    },
    markStored(seq, packetId) {
      const row = rows.get(seq);
      if (!row) return undefined;
      row.state = 'sent';
      row.packetId = packetId;
      row.updatedAt = now();
      writes.storedElsewhere(seq);
      return { ...row };
    },
    handedOver(row) {
      const { responseTopic } = row;
      if (responseTopic !== undefined) {
        // Loaded by publish() already, unless the row was queued by an earlier run.
        const track = (m: RequestMatcher) =>
          m.track(row.seq, row.connectionId, responseTopic, row.correlationData);
        if (requests) track(requests);
        else void requestMatcher().then(track, () => {});
      }
      deps.onHandedOver?.(row);
    },
    closed(connectionId) {
      // Only that connection's callers: the other connections' clients still answer theirs.
      for (const seq of [...waiting.keys()]) {
        const row = rows.get(seq);
        if (row?.connectionId === connectionId) settle(seq, queuedResult(row));
      }
    },
  };

  return {
    ready,

    /** Queues (durably) and sends when connected; see DeckApi.publish for what it resolves. */
    async publish(
      profile: ConnectionProfile | undefined,
      topic: string,
      payload: string,
      options: PublishOptions,
    ): Promise<PublishResult> {
      const [{ payloadTextError, publishError }] = await Promise.all([loadValidation(), ready]);
      if (!profile) return { ok: false, ...NO_PROFILE };
      if (options.responseTopic !== undefined) await requestMatcher();
      const badText = payloadTextError(payload);
      if (badText) {
        const field = options.payloadFormatIndicator ? 'Payload format indicator: ' : '';
        return { ok: false, code: 'invalid-payload', message: `${field}${badText}` };
      }
      const bytes = new TextEncoder().encode(payload);
      const live = links.get(profile.id);
      const invalid = publishError(topic, bytes, options, {
        version: profile.protocolVersion,
        ...live?.limits(),
      });
      if (invalid) return { ok: false, ...invalid };
      const row = newRow(++lastSeq, profile.id, topic, bytes, options, now());
      const failure = await store(row);
      if (failure) return { ok: false, ...failure };
      if (!rows.has(row.seq)) return { ok: false, code: 'refused', message: 'Cancelled.' };
      durable.add(row.seq);
      // Not open (or not connected yet): the row waits for that connection's next CONNACK.
      const current = links.get(profile.id);
      if (!current?.connected()) {
        current?.enqueue(row.seq);
        return queuedResult(row);
      }
      return new Promise<PublishResult>((resolve) => {
        const timer = setTimeout(
          () => settle(row.seq, queuedResult(row)),
          deps.resultWaitMs ?? RESULT_WAIT_MS,
        );
        waiting.set(row.seq, (result) => {
          clearTimeout(timer);
          resolve(result);
        });
        current.enqueue(row.seq);
      });
    },

    async list(): Promise<OutboxEntry[]> {
      await ready;
      return newestEntries(rows.values(), OUTBOX_LIST_MAX);
    },

    async cancel(seq: number): Promise<Result<object>> {
      await ready;
      const row = rows.get(seq);
      if (!row) return { ok: false, code: 'invalid-option', message: 'No such outgoing message.' };
      if (row.state !== 'queued') {
        const message = `Only a queued message can be cancelled; this one is ${row.state}.`;
        return { ok: false, code: 'invalid-option', message };
      }
      rows.delete(seq);
      durable.delete(seq);
      writes.remove([seq]);
      return { ok: true };
    },

    /** A received message (the session's sink): it may answer a request. */
    observe: (message: StoredMessage) => requests?.observe(message),

    /**
     * A new mqtt.js client for `profile`; `persisted` is its durable outgoing QoS store. The link
     * comes with the client (the connection's chunk), not with the outbox (the first load). It
     * replaces that connection's previous link only.
     */
    attach(
      client: MqttClient,
      profile: ConnectionProfile,
      persisted: { has(packetId: number): boolean } | undefined,
      linkClient: typeof createOutboxLink,
    ): void {
      links.get(profile.id)?.dispose();
      links.set(profile.id, linkClient(client, profile, persisted, host));
    },

    /** Called by a connection's outgoing QoS store as it puts a new PUBLISH (see qos-state.ts). */
    onStorePut(
      packet: { cmd: string; messageId?: number },
      connectionId: string,
    ): OutboxRow | undefined {
      return links.get(connectionId)?.onStorePut(packet);
    },

    /** That connection ended for good (Disconnect): its link goes; its rows wait in the store. */
    detach(connectionId: string): void {
      links.get(connectionId)?.dispose();
      links.delete(connectionId);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
