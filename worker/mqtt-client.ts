// How one mqtt.js client is set up for an attempt: loading mqtt.js, its options, and the delivery
// of received messages with their acknowledgement held until the sink accepted them.
import type { IClientOptions, IPublishPacket, MqttClient } from 'mqtt';
import type { ConnectionProfile } from './protocol';

/** The part of mqtt.js a session needs, looked up on each attempt (tests spy on it). */
export interface MqttLibrary {
  connect(url: string, options: IClientOptions): MqttClient;
}

let loading: Promise<MqttLibrary> | undefined;

/**
 * mqtt.js is most of the worker's code (about 100 KB gzipped): it is a chunk of its own, fetched
 * on the first connection attempt, so the worker starts and reads history without it. A failed
 * load is forgotten, so the next attempt fetches it again.
 */
export function loadMqtt(): Promise<MqttLibrary> {
  loading ??= import('mqtt').then(
    (module) => module.default,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

// MQTT 5 ends a session when the connection closes unless told otherwise; keeping it a day is
// what "clean start off" means to a person who comes back tomorrow.
const SESSION_EXPIRY_S = 86_400;

export function clientOptions(
  profile: ConnectionProfile,
  connectTimeoutMs: number,
): IClientOptions {
  const options: IClientOptions = {
    protocolVersion: profile.protocolVersion,
    clientId: profile.clientId,
    keepalive: profile.keepaliveS,
    clean: profile.cleanStart,
    // We schedule reconnects ourselves (backoff with jitter) and restore subscriptions ourselves.
    reconnectPeriod: 0,
    resubscribe: false,
    queueQoSZero: false,
    // Our own timer reports the timeout; mqtt.js's only backs it up.
    connectTimeout: connectTimeoutMs + 1_000,
  };
  if (profile.username !== '') options.username = profile.username;
  if (profile.password !== '') options.password = profile.password;
  if (profile.protocolVersion === 5 && !profile.cleanStart) {
    options.properties = { sessionExpiryInterval: SESSION_EXPIRY_S };
  }
  return options;
}

/** The numeric MQTT code mqtt.js puts on CONNACK and ack errors (socket errors carry strings). */
export function reasonCodeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Hands each received PUBLISH to `onMessage`. mqtt.js sends PUBACK (QoS 1) or completes QoS 2
 * only after handleMessage calls back, so a promise returned by `onMessage` holds the ack until
 * it settles, and a rejection leaves the message unacknowledged. A message whose `onMessage`
 * returned no promise (every QoS 0 one) costs no lookup and no promise here.
 */
export function routeMessages(
  client: MqttClient,
  onMessage: (topic: string, payload: Uint8Array, packet: IPublishPacket) => unknown,
): void {
  // mqtt.js emits 'message' and then calls handleMessage with the same packet object.
  const accepted = new WeakMap<object, Promise<unknown>>();
  let holding = 0;
  client.on('message', (topic, payload, packet) => {
    const result = onMessage(topic, payload, packet);
    if (result instanceof Promise) {
      accepted.set(packet, result);
      holding += 1;
    }
  });
  client.handleMessage = (packet, done) => {
    if (holding === 0) return done();
    const pending = accepted.get(packet);
    if (!pending) return done();
    accepted.delete(packet);
    holding -= 1;
    pending.then(
      () => done(),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  };
}
