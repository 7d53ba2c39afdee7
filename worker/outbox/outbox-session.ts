// Hands every mqtt.js client the session starts to the outbox, with the profile it connects and
// its durable outgoing QoS store, without the session knowing the outbox exists.
import { loadMqtt } from '../session/mqtt-client';
import type { MqttLibrary } from '../session/mqtt-client';
import type { Outbox } from './outbox';
import { createOutboxLink } from './outbox-link';
import type { ConnectionProfile } from '../../shared/protocol';

type Persisted = { has(packetId: number): boolean };

const isPersisted = (store: unknown): store is Persisted =>
  typeof (store as Partial<Persisted> | null)?.has === 'function';

/** A `loadMqtt` for the session whose `connect` also attaches the outbox to the new client. */
export function outboxLoader(
  outbox: Pick<Outbox, 'attach'>,
  profile: () => ConnectionProfile | undefined,
  load: () => Promise<MqttLibrary> = loadMqtt,
): () => Promise<MqttLibrary> {
  return () =>
    load().then((library) => {
      const wrapped: MqttLibrary = {
        connect(url, options) {
          const client = library.connect(url, options);
          const current = profile();
          const store = options.outgoingStore;
          const persisted = isPersisted(store) ? store : undefined;
          if (current) outbox.attach(client, current, persisted, createOutboxLink);
          return client;
        },
      };
      if (library.Store) wrapped.Store = library.Store;
      return wrapped;
    });
}
