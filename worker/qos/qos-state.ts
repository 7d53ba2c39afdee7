// The durable QoS state of one persistent session (clean start off): the incoming and outgoing
// stores of its client id on its broker, and a packet-id provider that avoids every stored id.
import type { IClientOptions, IStore } from 'mqtt';
import { STORES } from '../db/schema';
import type { DeckDb } from '../db/schema';
import type { ConnectionProfile } from '../../shared/protocol';
import { createIdProvider } from './qos-id-provider';
import { openQosStore, qosScope } from './qos-store';
import type { QosStore, QosStoreOptions } from './qos-store';

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

/** `linkOutbox` (the outbox) claims each new outgoing PUBLISH, written beside its packet. */
export function qosStateOpener(
  db: () => Promise<DeckDb>,
  linkOutbox?: QosStoreOptions['linkOutbox'],
): OpenQosState {
  return async (profile, memoryStore, onFailure) => {
    const open = (direction: 'in' | 'out') =>
      openQosStore({
        db,
        scope: qosScope(direction, profile.url, profile.clientId),
        memoryStore,
        onFailure,
        holdOnFailure: direction === 'in',
        deleteInHistory: direction === 'in',
        ...(direction === 'out' && linkOutbox ? { linkOutbox } : {}),
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

/**
 * Forgets both directions of `profile`'s session: connecting with clean start on ends it at the
 * broker, so its packets mean nothing and their ids would only be kept out of use.
 */
export async function clearQosState(
  db: () => Promise<DeckDb>,
  profile: Pick<ConnectionProfile, 'url' | 'clientId'>,
): Promise<void> {
  const d = await db();
  const tx = d.transaction(STORES.qos, 'readwrite');
  for (const direction of ['in', 'out'] as const) {
    const scope = qosScope(direction, profile.url, profile.clientId);
    void tx.store.delete(IDBKeyRange.bound([scope, -Infinity], [scope, Infinity])).catch(() => {});
  }
  await tx.done;
}
