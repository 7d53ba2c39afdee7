// How one mqtt.js client is set up for an attempt: its options, and the delivery of received
// messages with their acknowledgement held until the sink accepted them.
import type { IClientOptions, IPublishPacket, MqttClient } from 'mqtt';
import type { ConnectionProfile } from './protocol';

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
 * it settles, and a rejection leaves the message unacknowledged.
 */
export function routeMessages(
  client: MqttClient,
  onMessage: (topic: string, payload: Uint8Array, packet: IPublishPacket) => unknown,
): void {
  // mqtt.js emits 'message' and then calls handleMessage with the same packet object.
  const accepted = new WeakMap<object, Promise<unknown>>();
  client.on('message', (topic, payload, packet) => {
    const result = onMessage(topic, payload, packet);
    if (result instanceof Promise) accepted.set(packet, result);
  });
  client.handleMessage = (packet, done) => {
    const pending = accepted.get(packet);
    if (!pending) return done();
    accepted.delete(packet);
    pending.then(
      () => done(),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  };
}
