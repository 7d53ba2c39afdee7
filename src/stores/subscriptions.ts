// The subscriptions domain: the list the worker reports (granted QoS or refusal) and the add form
// with its MQTT 5 subscribe options.
import { createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { ErrorCode, Qos, SubscribeOptions, SubscriptionEvent } from '../../worker/protocol';
import { validateTopicFilter } from '../../worker/mqtt-topics';
import type { DeckBridge } from '../worker-bridge';
import { createStoreContext } from './store-context';

/** Codes that mean the broker said no to this filter, as opposed to the request never arriving. */
const REFUSALS: ReadonlySet<ErrorCode> = new Set(['refused', 'not-authorized']);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createSubscriptions(bridge: DeckBridge) {
  const [list, setList] = createStore<SubscriptionEvent[]>([]);
  const [filter, setFilterText] = createSignal('');
  const [qos, setQos] = createSignal<Qos>(0);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  // Set by the MQTT 5 chunk's editor as typed; an error there holds the subscribe back.
  const [options, setOptions] = createSignal<SubscribeOptions>({});
  const [optionsError, setOptionsError] = createSignal<string>();

  function upsert(event: SubscriptionEvent) {
    if (event.state === 'removed') {
      setList((rows) => rows.filter((row) => row.filter !== event.filter));
      return;
    }
    const index = list.findIndex((row) => row.filter === event.filter);
    if (index === -1) setList(list.length, event);
    else setList(index, reconcile(event));
  }

  const actions = {
    setFilter(text: string) {
      setFilterText(text);
      setError(undefined);
    },
    setQos,
    setOptions,
    setOptionsError,

    /** Replaces the list with the worker's (after a page load). */
    reset(rows: SubscriptionEvent[]) {
      setList(
        reconcile(
          rows.filter((row) => row.state !== 'removed'),
          { key: 'filter' },
        ),
      );
    },

    apply(event: SubscriptionEvent) {
      upsert(event);
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
      try {
        const result = await bridge.subscribe(text, requestedQos, opts);
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
        setError(messageOf(e));
      }
      return false;
    },

    async unsubscribe(topicFilter: string) {
      try {
        const result = await bridge.unsubscribe(topicFilter);
        if (result.ok)
          upsert({ type: 'subscription', filter: topicFilter, state: 'removed', requestedQos: 0 });
        else setError(result.message);
      } catch (e) {
        setError(messageOf(e));
      }
    },
  };

  return { list, filter, qos, error, busy, options, optionsError, ...actions };
}

export type SubscriptionsStore = ReturnType<typeof createSubscriptions>;
export const [SubscriptionsContext, useSubscriptions] =
  createStoreContext<SubscriptionsStore>('useSubscriptions');
