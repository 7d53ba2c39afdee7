// The subscriptions domain: each connection's list as the worker reports it (granted QoS or
// refusal), the selected connection's shown, and the add form with its MQTT 5 subscribe options.
import { createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type {
  ErrorCode,
  Qos,
  SubscribeOptions,
  SubscriptionEvent,
  WorkerSnapshot,
} from '../../shared/protocol';
import { validateTopicFilter } from '../../shared/mqtt/topics';
import type { DeckBridge } from '../worker-bridge';
import { createStoreContext } from '../ui/store-context';
import { errorText } from '../ui/error-text';

/** Codes that mean the broker said no to this filter, as opposed to the request never arriving. */
const REFUSALS: ReadonlySet<ErrorCode> = new Set(['refused', 'not-authorized']);

const live = (rows: SubscriptionEvent[]) => rows.filter((row) => row.state !== 'removed');

/** `selected`: the connection subscribe and unsubscribe go to (undefined: the worker's default). */
export function createSubscriptions(
  bridge: DeckBridge,
  selected: () => string | undefined = () => undefined,
) {
  // By connection id; '' holds what a worker that names no connection reports.
  const [lists, setLists] = createStore<Record<string, SubscriptionEvent[]>>({});
  const key = (id?: string) => id ?? selected() ?? '';
  const listOf = (id: string): SubscriptionEvent[] => lists[id] ?? [];
  const [filter, setFilterText] = createSignal('');
  const [qos, setQos] = createSignal<Qos>(0);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  // Set by the MQTT 5 chunk's editor as typed; an error there holds the subscribe back.
  const [options, setOptions] = createSignal<SubscribeOptions>({});
  const [optionsError, setOptionsError] = createSignal<string>();

  function upsertIn(event: SubscriptionEvent, id = key(event.connectionId)) {
    const list = listOf(id);
    if (event.state === 'removed') {
      setLists({ [id]: list.filter((row) => row.filter !== event.filter) });
      return;
    }
    const index = list.findIndex((row) => row.filter === event.filter);
    if (index === -1) setLists({ [id]: [...list, event] });
    else setLists(id, index, reconcile(event));
  }

  const actions = {
    setFilter(text: string) {
      setFilterText(text);
      setError(undefined);
    },
    setQos,
    setOptions,
    setOptionsError,

    /** Replaces the lists with the worker's (after a page load). */
    reset(snapshot: Pick<WorkerSnapshot, 'status' | 'subscriptions' | 'connections'>) {
      const all: Record<string, SubscriptionEvent[]> = {};
      for (const c of snapshot.connections ?? []) all[c.connectionId] = live(c.subscriptions);
      all[key(snapshot.status.connectionId)] = live(snapshot.subscriptions);
      setLists(all);
    },

    apply(event: SubscriptionEvent) {
      upsertIn(event);
    },

    /** Subscribes to the filter typed in the form; `mqtt5`: with its MQTT 5 options. */
    async subscribe(mqtt5 = false) {
      const text = filter();
      const problem = validateTopicFilter(text);
      setError(problem ?? undefined);
      if (problem !== null || (mqtt5 && optionsError())) return;
      const chosen = mqtt5 && Object.keys(options()).length > 0 ? options() : undefined;
      setBusy(true);
      try {
        if (await actions.subscribeTo(text, qos(), chosen)) setFilterText('');
      } finally {
        setBusy(false);
      }
    },

    /** Asks the worker for one (valid) filter; true when the broker granted it. */
    async subscribeTo(text: string, requestedQos: Qos, opts?: SubscribeOptions): Promise<boolean> {
      const id = selected();
      const upsert = (event: SubscriptionEvent) => upsertIn(event, key(id));
      try {
        const result = await bridge.subscribe(text, requestedQos, opts, id);
        const base = {
          type: 'subscription',
          filter: text,
          requestedQos,
          ...(opts && { options: opts }),
        } as const;
        if (result.ok) {
          upsert({ ...base, state: 'granted', grantedQos: result.grantedQos });
          return true;
        }
        if (REFUSALS.has(result.code))
          upsert({ ...base, state: 'refused', reason: result.message });
        else setError(result.message);
      } catch (e) {
        setError(errorText(e));
      }
      return false;
    },

    async unsubscribe(topicFilter: string) {
      const id = selected();
      try {
        const result = await bridge.unsubscribe(topicFilter, id);
        if (result.ok)
          upsertIn(
            { type: 'subscription', filter: topicFilter, state: 'removed', requestedQos: 0 },
            key(id),
          );
        else setError(result.message);
      } catch (e) {
        setError(errorText(e));
      }
    },
  };

  return {
    /** The selected connection's subscriptions. */
    get list(): SubscriptionEvent[] {
      return listOf(key());
    },
    filter,
    qos,
    error,
    busy,
    options,
    optionsError,
    ...actions,
  };
}

export type SubscriptionsStore = ReturnType<typeof createSubscriptions>;
export const [SubscriptionsContext, useSubscriptions] =
  createStoreContext<SubscriptionsStore>('useSubscriptions');
