// Owns the mqtt.js client: connects, reconnects with our own backoff, restores subscriptions and
// hands every received message to a sink. Knows nothing of IndexedDB or the UI.
import type { IConnackPacket, IPublishPacket, IStore, MqttClient } from 'mqtt';
import type { QosRecordKey } from './history-schema';
import { watchClient } from './client-events';
import { clientOptions, loadMqtt, routeMessages } from './mqtt-client';
import type { MqttLibrary } from './mqtt-client';
import { connackError, timeoutError } from './error-codes';
import { toStoredMessage } from './incoming-message';
import type { IncomingContext } from './incoming-message';
import { profileError } from './profile-validation';
import type { OpenQosState, QosState } from './qos-state';
import type {
  ConnectionProfile,
  ConnectionState,
  DeckError,
  Qos,
  Result,
  StatusEvent,
  StoredMessage,
  SubscribeOptions,
  SubscribeResult,
  SubscriptionEvent,
} from './protocol';
import { RECONNECT_BACKOFF, createBackoff } from './reconnect-backoff';
import type { BackoffPolicy } from './reconnect-backoff';
import { createSessionCommands } from './session-commands';
import { createSubscriptionList } from './subscription-list';

/**
 * Takes each received message. Returning a promise holds back the message's acknowledgement
 * (PUBACK/PUBREC completion) until it settles; a rejection ends the connection unacknowledged.
 * `release` (a QoS 2 message of a persistent session) is its record in the incoming store.
 */
export type MessageSink = (message: StoredMessage, release?: QosRecordKey) => void | Promise<void>;

export interface SessionDeps {
  emit(event: StatusEvent | SubscriptionEvent): void;
  sink: MessageSink;
  /** The history id for the next received message: monotonic, never reused. */
  nextId(): number;
  now?: () => number;
  backoff?: BackoffPolicy;
  random?: () => number;
  connectTimeoutMs?: number;
  /** Fetches mqtt.js (a chunk of its own) on the first attempt. */
  loadMqtt?: () => Promise<MqttLibrary>;
  /** Durable QoS stores for clean start off; without it mqtt.js keeps them in memory. */
  openQosState?: OpenQosState;
  /** False while another tab holds this connection: no attempt is started (connection-gate). */
  mayConnect?: () => boolean;
}

export interface MqttSession {
  /** Validates `profile` and starts connecting; a validation error means no attempt was made. */
  connect(profile: ConnectionProfile): Result<object>;
  /** Ends the connection gracefully; `reason` is shown with the 'disconnected' status. */
  disconnect(reason?: DeckError): Promise<void>;
  subscribe(filter: string, qos: Qos, options?: SubscribeOptions): Promise<SubscribeResult>;
  unsubscribe(filter: string): Promise<Result<object>>;
  status(): StatusEvent;
  subscriptions(): SubscriptionEvent[];
  /** Skips the rest of the reconnect delay (the network or the page came back); else nothing. */
  retryNow(): void;
}

const CONNECT_TIMEOUT_MS = 10_000;
const DISCONNECT_GRACE_MS = 1_000;
/** How long a connection must last before the reconnect delay starts over from its first step. */
const STABLE_CONNECTION_MS = 10_000;

export function createMqttSession(deps: SessionDeps): MqttSession {
  const now = deps.now ?? Date.now;
  const connectTimeoutMs = deps.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const backoff = createBackoff(deps.backoff ?? RECONNECT_BACKOFF, deps.random);
  const subscriptions = createSubscriptionList((event) => deps.emit(event));
  let profile: ConnectionProfile | undefined;
  let client: MqttClient | undefined;
  let connack: IConnackPacket | undefined;
  // Every attempt gets a token; events from a client we already dropped are ignored.
  let token = 0;
  let connectTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let connectedAt: number | undefined;
  let status: StatusEvent = { type: 'status', state: 'disconnected', at: now() };

  function setStatus(state: ConnectionState, extra: Partial<StatusEvent> = {}): void {
    status = { type: 'status', state, ...extra, at: now() };
    if (profile) {
      status.url = profile.url;
      status.clientId = profile.clientId;
    }
    deps.emit(status);
  }

  const commands = createSessionCommands({
    subscriptions,
    connection: () =>
      client && connack && status.state === 'connected' && profile
        ? { client, connack, version: profile.protocolVersion }
        : undefined,
  });

  /** Forgets the current client; a graceful end sends DISCONNECT (so the broker drops the will). */
  function dropClient(graceful = false): Promise<void> {
    token += 1;
    clearTimeout(connectTimer);
    const old = client;
    client = undefined;
    connack = undefined;
    commands.failPending();
    if (!old) return Promise.resolve();
    if (!graceful || !old.connected) {
      old.end(true);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const force = setTimeout(() => old.end(true, {}, () => resolve()), DISCONNECT_GRACE_MS);
      old.end(false, {}, () => {
        clearTimeout(force);
        resolve();
      });
    });
  }

  function connectionLost(error: DeckError): void {
    // A broker that accepts and then at once breaks the connection (garbage, a kick) must meet a
    // growing delay too: only a connection that stayed up a while counts as a success.
    if (connectedAt !== undefined && now() - connectedAt >= STABLE_CONNECTION_MS) backoff.reset();
    connectedAt = undefined;
    void dropClient();
    subscriptions.markAllPending();
    const { attempt, delayMs } = backoff.next();
    setStatus('reconnecting', { attempt, retryInMs: delayMs, error });
    retryTimer = setTimeout(() => retry(attempt, error), delayMs);
  }

  function retry(attempt: number | undefined, error: DeckError | undefined): void {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    // retryInMs 0: the attempt is under way now.
    setStatus('reconnecting', { attempt, retryInMs: 0, error });
    startAttempt();
  }

  function onConnected(packet: IConnackPacket, current: ConnectionProfile): void {
    connack = packet;
    connectedAt = now();
    setStatus('connected');
    const resumed = !current.cleanStart && packet.sessionPresent;
    commands.restoreSubscriptions(resumed);
  }

  // One context object reused for every message (toStoredMessage only reads it).
  const incoming: IncomingContext = { id: 0, connectionId: '', time: 0 };
  function onMessage(
    topic: string,
    payload: Uint8Array,
    packet: IPublishPacket,
    qos: QosState | undefined,
  ) {
    incoming.id = deps.nextId();
    incoming.connectionId = profile?.id ?? '';
    incoming.time = now();
    const message = toStoredMessage(topic, payload, packet, incoming);
    if (packet.qos !== 2 || !qos) return deps.sink(message);
    return deps.sink(message, qos.incoming.keyOf(packet.messageId ?? 0));
  }

  /** The durable stores of a persistent session; undefined for clean start (memory stores). */
  function openQos(library: MqttLibrary, current: ConnectionProfile, mine: number) {
    const Store = library.Store;
    if (current.cleanStart || !deps.openQosState || !Store) return Promise.resolve(undefined);
    const memoryStore = (): IStore => new Store();
    // Nothing is acknowledged that could not be kept: end the connection; the broker resends.
    return deps.openQosState(current, memoryStore, (error) => {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (mine === token)
        connectionLost({ code: 'storage', message: `Could not save (${detail}).` });
    });
  }

  function startAttempt(): void {
    const current = profile;
    if (!current || deps.mayConnect?.() === false) return;
    const mine = ++token;
    const timeout = timeoutError('The broker', Math.round(connectTimeoutMs / 1000));
    // One timeout covers fetching mqtt.js and the handshake; what it ends depends on the stage.
    let onTimeout = () => connectionLost(timeout);
    connectTimer = setTimeout(() => {
      if (mine === token) onTimeout();
    }, connectTimeoutMs);
    (deps.loadMqtt ?? loadMqtt)().then(
      (library) =>
        openQos(library, current, mine).then(
          (qos) => {
            if (mine === token) onTimeout = openClient(library, current, mine, timeout, qos);
          },
          (error: unknown) => {
            if (mine !== token) return;
            clearTimeout(connectTimer);
            const message = `The session's delivery state could not be read (${String(error)}).`;
            setStatus('error', { error: { code: 'storage', message } });
          },
        ),
      (error: unknown) => {
        if (mine !== token) return;
        clearTimeout(connectTimer);
        const detail = error instanceof Error ? error.message : String(error);
        connectionLost({
          code: 'unreachable',
          message: `The MQTT client could not be loaded (${detail}); check the network.`,
        });
      },
    );
  }

  /** Starts mqtt.js for one attempt; returns what the attempt's timeout does from now on. */
  function openClient(
    library: MqttLibrary,
    current: ConnectionProfile,
    mine: number,
    timeout: DeckError,
    qos: QosState | undefined,
  ): () => void {
    const stale = () => mine !== token;
    let c: MqttClient;
    try {
      c = library.connect(current.url, clientOptions(current, connectTimeoutMs, qos?.options));
    } catch (error) {
      // mqtt.js throws on options it cannot use; say so rather than retry forever.
      clearTimeout(connectTimer);
      const message = `Cannot connect: ${error instanceof Error ? error.message : String(error)}`;
      setStatus('error', { error: { code: 'unknown', message } });
      return () => {};
    }
    client = c;
    routeMessages(c, (topic, payload, packet) =>
      stale() ? undefined : onMessage(topic, payload, packet, qos),
    );
    return watchClient(
      c,
      { url: current.url, timeout, isStale: stale },
      {
        connected(packet) {
          clearTimeout(connectTimer);
          onConnected(packet, current);
        },
        refused(code) {
          // The broker answered and said no: retrying would only repeat the refusal.
          void dropClient();
          setStatus('error', { error: connackError(code, current.protocolVersion) });
        },
        closed: connectionLost,
      },
    );
  }

  function stopRetrying(): void {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    backoff.reset();
  }

  return {
    connect(next) {
      const invalid = profileError(next);
      if (invalid) return { ok: false, ...invalid };
      stopRetrying();
      void dropClient();
      subscriptions.markAllPending();
      profile = { ...next };
      setStatus('connecting');
      startAttempt();
      return { ok: true };
    },
    async disconnect(reason) {
      stopRetrying();
      const ending = dropClient(true);
      subscriptions.markAllPending();
      setStatus('disconnected', reason ? { error: reason } : {});
      await ending;
    },
    subscribe: (filter, qos, options) => commands.subscribe(filter, qos, options),
    unsubscribe: (filter) => commands.unsubscribe(filter),
    status: () => status,
    subscriptions: () => subscriptions.events(),
    retryNow() {
      // Only while waiting out a delay: not during an attempt, after a refusal, or a Disconnect.
      if (status.state === 'reconnecting' && retryTimer !== undefined)
        retry(status.attempt, status.error);
    },
  };
}
