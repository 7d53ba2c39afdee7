// What one connection needs beyond history and the outbox: the MQTT session (the mqtt.js client,
// reconnects, subscriptions, the byte guard), the gate that keeps one connection per client ID
// across tabs, and the durable QoS state. One per connected profile (connections.ts); the chunk
// is fetched at the first Connect or Subscribe alongside mqtt.js, which every stack shares.
import { createConnectionGate } from '../tabs/connection-gate';
import type { MessageSink } from '../session/session-delivery';
import { createMqttSession } from '../session/mqtt-session';
import type { Outbox } from '../outbox/outbox';
import { outboxLoader } from '../outbox/outbox-session';
import type { DeckDb } from '../db/schema';
import type { ConnectOptions, ConnectionProfile, Result } from '../../shared/protocol';
import type { HubEvent } from '../events/event-hub';
import { clearQosState, qosStateOpener } from '../qos/qos-state';

export interface ConnectionStackDeps {
  db: () => Promise<DeckDb>;
  emit(event: HubEvent): void;
  nextId(): number;
  sink: MessageSink;
  outbox: Pick<Outbox, 'attach' | 'onStorePut'>;
}

export function createConnectionStack(deps: ConnectionStackDeps) {
  // The profile of this stack's current Connect: its id keys the outbox link and QoS writes.
  let profile: ConnectionProfile | undefined;
  const session = createMqttSession({
    emit: (event) => deps.emit(event.type === 'status' ? gate.statusOut(event) : event),
    nextId: deps.nextId,
    sink: deps.sink,
    openQosState: qosStateOpener(deps.db, (packet) =>
      deps.outbox.onStorePut(packet, profile?.id ?? ''),
    ),
    loadMqtt: outboxLoader(deps.outbox, () => profile),
    mayConnect: () => gate.mayConnect(),
  });
  // One connection per broker URL + client ID across the browser's tabs (Web Locks).
  const gate = createConnectionGate(session, {
    locks: self.navigator.locks,
    openChannel:
      typeof BroadcastChannel === 'function' ? (name) => new BroadcastChannel(name) : undefined,
    emit: (event) => deps.emit(event),
  });
  return {
    session,
    gate,
    profile: () => profile,
    /** `next` passed validation: it is the profile the outbox sends for from now on. */
    connect(next: ConnectionProfile, options?: ConnectOptions) {
      profile = next;
      return gate.connect(next, options) as Promise<Result<object>>;
    },
    /** A clean start ends the broker's session: its persisted QoS packets mean nothing now. */
    forgetSession: (next: ConnectionProfile) => clearQosState(deps.db, next),
  };
}

export type ConnectionStack = ReturnType<typeof createConnectionStack>;
