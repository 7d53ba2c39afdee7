// The session's subscriptions: what the user asked for and what the broker answered, kept across
// reconnects so they can be restored, and announced as SubscriptionEvents on every change.
import type {
  Qos,
  SubscribeOptions,
  SubscriptionEvent,
  SubscriptionState,
} from '../../shared/protocol';

export interface SubscriptionEntry {
  filter: string;
  requestedQos: Qos;
  state: SubscriptionState;
  grantedQos?: Qos;
  reason?: string;
  /** MQTT 5 options as requested, sent again when the subscription is restored. */
  options?: SubscribeOptions;
  /** Changes with every new request for the filter, so a late SUBACK cannot overwrite a newer one. */
  version: number;
}

export interface SubscriptionList {
  /** Records a new request for `filter` and returns its version. */
  request(filter: string, qos: Qos, options?: SubscribeOptions): number;
  /** Puts back an entry `remove` took (the broker refused to unsubscribe), as it was. */
  restore(entry: SubscriptionEntry): void;
  /** Applies the broker's answer, unless the entry was removed or requested again meanwhile. */
  answer(filter: string, version: number, answer: { grantedQos: Qos } | { reason: string }): void;
  /** Marks every live subscription as waiting for the broker again (the connection went away). */
  markAllPending(): void;
  remove(filter: string): SubscriptionEntry | undefined;
  get(filter: string): SubscriptionEntry | undefined;
  entries(): SubscriptionEntry[];
  events(): SubscriptionEvent[];
}

function toEvent(entry: SubscriptionEntry, state = entry.state): SubscriptionEvent {
  const event: SubscriptionEvent = {
    type: 'subscription',
    filter: entry.filter,
    state,
    requestedQos: entry.requestedQos,
  };
  if (state === 'granted' && entry.grantedQos !== undefined) event.grantedQos = entry.grantedQos;
  if (state === 'refused' && entry.reason !== undefined) event.reason = entry.reason;
  if (entry.options) event.options = entry.options;
  return event;
}

export function createSubscriptionList(emit: (event: SubscriptionEvent) => void): SubscriptionList {
  const entries = new Map<string, SubscriptionEntry>();
  let nextVersion = 1;

  function update(entry: SubscriptionEntry): void {
    entries.set(entry.filter, entry);
    emit(toEvent(entry));
  }

  return {
    request(filter, qos, options) {
      const version = nextVersion++;
      const previous = entries.get(filter);
      const entry: SubscriptionEntry = { filter, requestedQos: qos, state: 'pending', version };
      if (options && Object.keys(options).length > 0) entry.options = options;
      // Keep the last granted QoS so a resumed session can be restored without asking again.
      if (previous?.grantedQos !== undefined) entry.grantedQos = previous.grantedQos;
      entries.set(filter, entry);
      // A filter already waiting (after a lost connection) is not announced twice.
      const same =
        previous?.state === 'pending' &&
        previous.requestedQos === qos &&
        JSON.stringify(previous.options) === JSON.stringify(entry.options);
      if (!same) emit(toEvent(entry));
      return version;
    },
    restore(entry) {
      if (entries.has(entry.filter)) return; // subscribed again meanwhile: that one stands
      update(entry);
    },
    answer(filter, version, answer) {
      const entry = entries.get(filter);
      if (!entry || entry.version !== version) return;
      const { requestedQos, options } = entry;
      const base = { filter, requestedQos, version, ...(options ? { options } : {}) };
      if ('grantedQos' in answer) update({ ...base, state: 'granted', ...answer });
      else update({ ...base, state: 'refused', ...answer });
    },
    markAllPending() {
      for (const entry of entries.values()) {
        if (entry.state === 'granted') update({ ...entry, state: 'pending' });
      }
    },
    remove(filter) {
      const entry = entries.get(filter);
      if (!entry) return undefined;
      entries.delete(filter);
      emit(toEvent(entry, 'removed'));
      return entry;
    },
    get: (filter) => entries.get(filter),
    entries: () => [...entries.values()],
    events: () => [...entries.values()].map((entry) => toEvent(entry)),
  };
}
