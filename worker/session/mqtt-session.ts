// Owns the mqtt.js client: connects, reconnects with our own backoff, restores subscriptions and
// hands every received message to a sink. Knows nothing of IndexedDB or the UI.
import type { IConnackPacket, MqttClient } from 'mqtt';
import { assignedClientId, brokerLimitsOf } from './broker-limits';
import { watchClient } from './client-events';
import { clientOptions, endClient, loadMqtt, routeMessages } from './mqtt-client';
import type { MqttLibrary } from './mqtt-client';
import { connackError, timeoutError } from './error-codes';
import { profileError } from '../../shared/profiles/profile-validation';
import type { OpenQosState, QosState } from '../qos/qos-state';
import type {
  ConnectionProfile,
  ConnectionState,
  DeckError,
  Qos,
  Result,
  StatusEvent,
  SubscribeOptions,
  SubscribeResult,
  SubscriptionEvent,
} from '../../shared/protocol';
import type { BackoffPolicy } from './reconnect-backoff';
import { createSessionAttempts } from './session-attempts';
import type { SessionAttempts } from './session-attempts';
import { createSessionCommands } from './session-commands';
import { messageRoute, openSessionQos } from './session-delivery';
import type { MessageSink } from './session-delivery';
import { createSubscriptionList } from './subscription-list';

export interface SessionDeps {
  emit(event: StatusEvent | SubscriptionEvent): void;
  sink: MessageSink;
  /** The history id for the next received message: monotonic, never reused. */
  nextId(): number;
  now?: () => number;
  /** The delays when the profile has no reconnect policy of its own. */
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
/** How long a connection must last before the reconnect delay starts over from its first step. */
const STABLE_CONNECTION_MS = 10_000;

export function createMqttSession(deps: SessionDeps): MqttSession {
  const now = deps.now ?? Date.now;
  const connectTimeoutMs = deps.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  // Every event names its connection (the profile id): the worker holds several at once.
  const withId = (event: SubscriptionEvent): SubscriptionEvent =>
    profile ? { ...event, connectionId: profile.id } : event;
  const subscriptions = createSubscriptionList((event) => deps.emit(withId(event)));
  let profile: ConnectionProfile | undefined;
  // The broker URL rotation and the reconnect policy of the current Connect.
  let attempts: SessionAttempts | undefined;
  // The MQTT 5 Assigned Client Identifier: later attempts of this Connect use it.
  let assignedId: string | undefined;
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
      status.connectionId = profile.id;
      status.url = attempts?.url ?? profile.url;
      status.clientId = assignedId ?? profile.clientId;
    }
    const broker = state === 'connected' ? brokerLimitsOf(connack) : undefined;
    if (broker) status.broker = broker;
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
    return old ? endClient(old, graceful) : Promise.resolve();
  }

  function connectionLost(error: DeckError): void {
    // A broker that accepts and then at once breaks the connection (garbage, a kick) must meet a
    // growing delay too: only a connection that stayed up a while counts as a success.
    const lost = connectedAt !== undefined;
    if (lost && now() - connectedAt! >= STABLE_CONNECTION_MS) attempts?.resetDelay();
    connectedAt = undefined;
    void dropClient();
    subscriptions.markAllPending();
    const next = attempts?.failed(error, !lost) ?? { kind: 'stop' };
    if (next.kind === 'stop') return setStatus('disconnected', { error });
    if (next.kind === 'give-up') return setStatus('error', { error: next.error });
    const { attempt, delayMs } = next;
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
    attempts?.connected();
    assignedId = assignedClientId(packet) ?? assignedId;
    setStatus('connected');
    const resumed = !current.cleanStart && packet.sessionPresent;
    commands.restoreSubscriptions(resumed);
  }

  const onMessage = messageRoute({
    sink: deps.sink,
    nextId: deps.nextId,
    now,
    connectionId: () => profile?.id ?? '',
  });

  /** Nothing is acknowledged that could not be kept: end the connection; the broker resends. */
  function openQos(library: MqttLibrary, current: ConnectionProfile, mine: number) {
    return openSessionQos(library, current, deps.openQosState, (detail) => {
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
    const url = attempts?.url ?? current.url;
    // The attempt's URL and client ID; the QoS state and the outbox stay keyed by the profile's.
    const attempt = { ...current, url, clientId: assignedId ?? current.clientId };
    const options = clientOptions(attempt, connectTimeoutMs, qos?.options);
    let c: MqttClient;
    try {
      c = library.connect(url, options);
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
      { url, timeout, isStale: stale, maxPacketBytes: options.properties?.maximumPacketSize },
      {
        connected(packet) {
          clearTimeout(connectTimer);
          onConnected(packet, current);
        },
        refused(code) {
          const error = connackError(code, current.protocolVersion);
          // "Not this server": another URL of the cluster may take us.
          if (attempts?.triesAnotherUrl(code)) return connectionLost(error);
          // The broker answered and said no: retrying would only repeat the refusal.
          void dropClient();
          setStatus('error', { error });
        },
        closed: connectionLost,
      },
    );
  }

  function stopRetrying(): void {
    clearTimeout(retryTimer);
    retryTimer = undefined;
  }

  return {
    connect(next) {
      const invalid = profileError(next);
      if (invalid) return { ok: false, ...invalid };
      stopRetrying();
      void dropClient();
      subscriptions.markAllPending();
      profile = { ...next };
      attempts = createSessionAttempts(profile, deps.backoff, deps.random);
      assignedId = undefined;
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
    subscriptions: () => subscriptions.events().map(withId),
    retryNow() {
      // Only while waiting out a delay: not during an attempt, after a refusal, or a Disconnect.
      if (status.state === 'reconnecting' && retryTimer !== undefined)
        retry(status.attempt, status.error);
    },
  };
}
