// Packet ids for outgoing QoS 1/2: never one that is in flight, nor one a persisted packet holds
// (mqtt.js's own providers learn stored ids only while replaying them, after CONNACK, so a
// publish before or during replay could take a stored id and overwrite that packet).
import type { IClientOptions } from 'mqtt';

type IMessageIdProvider = NonNullable<IClientOptions['messageIdProvider']>;

const MAX_PACKET_ID = 65_535;

/** `persisted(id)` tells whether the outgoing store holds a packet under `id` right now. */
export function createIdProvider(persisted: (id: number) => boolean): IMessageIdProvider {
  const used = new Set<number>();
  let last = 0;
  return {
    allocate() {
      for (let tries = 0; tries < MAX_PACKET_ID; tries++) {
        last = (last % MAX_PACKET_ID) + 1;
        if (!used.has(last) && !persisted(last)) {
          used.add(last);
          return last;
        }
      }
      return null; // every id is in flight: mqtt.js reports the publish as failed
    },
    getLastAllocated: () => (last === 0 ? null : last),
    // Replay registers each stored id once per connection; a second claim means a collision.
    register(id) {
      if (used.has(id)) return false;
      used.add(id);
      return true;
    },
    deallocate(id) {
      used.delete(id);
    },
    // mqtt.js clears on every CONNACK before replaying the store; persisted ids stay excluded.
    clear() {
      used.clear();
    },
  };
}
