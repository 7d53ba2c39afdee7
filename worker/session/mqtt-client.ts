// How one mqtt.js client is set up for an attempt: loading mqtt.js, its options, and the delivery
// of received messages with their acknowledgement held until the sink accepted them.
import type { IClientOptions, IPublishPacket, IStore, MqttClient } from 'mqtt';
import { connectProperties, willOption } from './connect-options';
import { CAN_GUARD_SOCKETS, guardedWebSocket } from '../guard/guarded-socket';
import { MAX_INCOMING_PACKET_BYTES } from '../../shared/mqtt/packet-limits';
import type { ConnectionProfile } from '../../shared/protocol';

/** The part of mqtt.js a session needs, looked up on each attempt (tests spy on it). */
export interface MqttLibrary {
  connect(url: string, options: IClientOptions): MqttClient;
  /** mqtt.js's in-memory Store (its stream is what replay reads); absent in some test fakes. */
  Store?: new () => IStore;
}

let loading: Promise<MqttLibrary> | undefined;

/**
 * mqtt.js is most of the worker's code: it is a chunk of its own, fetched
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
// what "clean start off" means to a person who comes back tomorrow (unless the profile says).
const SESSION_EXPIRY_S = 86_400;

export function clientOptions(
  profile: ConnectionProfile,
  connectTimeoutMs: number,
  extra: IClientOptions = {},
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
    ...extra,
  };
  if (profile.username !== '') options.username = profile.username;
  if (profile.password !== '') options.password = profile.password;
  const will = willOption(profile);
  if (will) options.will = will;
  if (profile.protocolVersion === 5) {
    // Maximum Packet Size is announced so that a well-behaved broker never sends more.
    options.properties = connectProperties(profile);
    if (!profile.cleanStart) {
      options.properties.sessionExpiryInterval = profile.sessionExpiryS ?? SESSION_EXPIRY_S;
    }
  }
  if (CAN_GUARD_SOCKETS) {
    // The guard holds the broker to what we announced (the profile may announce less).
    const maxPacketBytes = options.properties?.maximumPacketSize ?? MAX_INCOMING_PACKET_BYTES;
    const limits = { version: profile.protocolVersion, maxPacketBytes };
    options.createWebsocket = guardedWebSocket(limits);
  }
  return options;
}

const DISCONNECT_GRACE_MS = 1_000;

/** Ends `client`; a graceful end sends DISCONNECT (so the broker drops the will), bounded in time. */
export function endClient(client: MqttClient, graceful: boolean): Promise<void> {
  if (!graceful || !client.connected) {
    client.end(true);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const force = setTimeout(() => client.end(true, {}, () => resolve()), DISCONNECT_GRACE_MS);
    client.end(false, {}, () => {
      clearTimeout(force);
      resolve();
    });
  });
}

/** The numeric MQTT code mqtt.js puts on CONNACK and ack errors (socket errors carry strings). */
export function reasonCodeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

type SendPacket = (packet: { cmd: string; messageId?: number }, cb?: () => void) => void;

/**
 * Hands each received PUBLISH to `onMessage`. A promise returned by `onMessage` holds the
 * message's PUBACK (QoS 1) or PUBCOMP (QoS 2) until it settles; a rejection ends the connection
 * with the message unacknowledged. mqtt.js handles incoming packets one at a time and sends the
 * ack before taking the next, so waiting inside handleMessage would allow one commit per
 * message: the ack is instead held at mqtt.js's private `_sendPacket` (pinned mqtt 5.16) while
 * the next packets are read. Acks go out in the order commits settle, which is arrival order.
 * A message whose `onMessage` returned no promise (every QoS 0 one) costs no lookup here.
 */
export function routeMessages(
  client: MqttClient,
  onMessage: (topic: string, payload: Uint8Array, packet: IPublishPacket) => unknown,
): void {
  // mqtt.js emits 'message' and then calls handleMessage with the same packet object.
  const accepted = new WeakMap<object, Promise<unknown>>();
  // The broker reuses a packet id only after our ack, so an id names one held message.
  const held = new Map<number, Promise<unknown>>();
  let accepting = 0;
  client.on('message', (topic, payload, packet) => {
    const result = onMessage(topic, payload, packet);
    if (result instanceof Promise) {
      accepted.set(packet, result);
      accepting += 1;
    }
  });
  client.handleMessage = (packet, done) => {
    if (accepting === 0) return done();
    const pending = accepted.get(packet);
    if (pending && packet.messageId !== undefined) {
      accepted.delete(packet);
      accepting -= 1;
      held.set(packet.messageId, pending);
    }
    done();
  };
  const internals = client as unknown as { _sendPacket: SendPacket };
  const send = internals._sendPacket.bind(client);
  internals._sendPacket = (packet, cb) => {
    const pending = held.size > 0 && packet.messageId !== undefined && held.get(packet.messageId);
    if (!pending || (packet.cmd !== 'puback' && packet.cmd !== 'pubcomp')) return send(packet, cb);
    held.delete(packet.messageId!);
    cb?.(); // mqtt.js goes on reading; the ack itself waits for the commit
    pending.then(
      () => {
        if (client.connected) send(packet);
      },
      () => client.end(true),
    );
  };
}
