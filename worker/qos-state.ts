// The durable QoS state of one persistent session (clean start off): the incoming and outgoing
// stores of its client id on its broker, and a packet-id provider that avoids every stored id.
import type { IClientOptions, IStore } from 'mqtt';
import type { DeckDb } from './history-schema';
import type { ConnectionProfile } from './protocol';
import { createIdProvider } from './qos-id-provider';
import { openQosStore, qosScope } from './qos-store';
import type { QosStore } from './qos-store';

export interface QosState {
  incoming: QosStore;
  outgoing: QosStore;
  /** What mqtt.js is given for this attempt. */
  options: Pick<IClientOptions, 'incomingStore' | 'outgoingStore' | 'messageIdProvider'>;
}

/** Opens the state of `profile`'s session; `onFailure` hears of any write that failed. */
export type OpenQosState = (
  profile: ConnectionProfile,
  memoryStore: () => IStore,
  onFailure: (error: unknown) => void,
) => Promise<QosState>;

export function qosStateOpener(db: () => Promise<DeckDb>): OpenQosState {
  return async (profile, memoryStore, onFailure) => {
    const open = (direction: 'in' | 'out') =>
      openQosStore({
        db,
        scope: qosScope(direction, profile.url, profile.clientId),
        memoryStore,
        onFailure,
        holdOnFailure: direction === 'in',
        deleteInHistory: direction === 'in',
      });
    const [incoming, outgoing] = await Promise.all([open('in'), open('out')]);
    return {
      incoming,
      outgoing,
      options: {
        incomingStore: incoming,
        outgoingStore: outgoing,
        messageIdProvider: createIdProvider((id) => outgoing.has(id)),
      },
    };
  };
}
