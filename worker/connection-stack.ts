// What a connection needs beyond history and the outbox: the MQTT session (the mqtt.js client,
// reconnects, subscriptions, the byte guard), the gate that keeps one connection per client ID
// across tabs, and the durable QoS state. A chunk of its own, fetched at the first Connect or
// Subscribe alongside mqtt.js: none of it is needed before the first paint.
import { createConnectionGate } from './connection-gate';
import type { MessageSink } from './mqtt-session';
import { createMqttSession } from './mqtt-session';
import type { Outbox } from './outbox';
import { outboxLoader } from './outbox-session';
import type { DeckDb } from './history-schema';
import type { ConnectionProfile } from './protocol';
import type { HubEvent } from './event-hub';
import { clearQosState, qosStateOpener } from './qos-state';

export interface ConnectionStackDeps {
  db: () => Promise<DeckDb>;
  emit(event: HubEvent): void;
  nextId(): number;
  sink: MessageSink;
  outbox: Pick<Outbox, 'attach' | 'onStorePut'>;
  /** The profile the outbox sends for: the one last connected in this tab. */
  outboxProfile(): ConnectionProfile | undefined;
}

export function createConnectionStack(deps: ConnectionStackDeps) {
  const session = createMqttSession({
    emit: (event) => deps.emit(event.type === 'status' ? gate.statusOut(event) : event),
    nextId: deps.nextId,
    sink: deps.sink,
    openQosState: qosStateOpener(deps.db, (packet) => deps.outbox.onStorePut(packet)),
    loadMqtt: outboxLoader(deps.outbox, deps.outboxProfile),
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
    /** A clean start ends the broker's session: its persisted QoS packets mean nothing now. */
    forgetSession: (profile: ConnectionProfile) => clearQosState(deps.db, profile),
  };
}

export type ConnectionStack = ReturnType<typeof createConnectionStack>;
