// The subscriptions domain: the list the worker reports (granted QoS or refusal) and the add form.
import { createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { ErrorCode, Qos, SubscriptionEvent } from '../../worker/protocol';
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

    /** Subscribes to the filter typed in the form. */
    async subscribe() {
      const text = filter();
      const problem = validateTopicFilter(text);
      setError(problem ?? undefined);
      if (problem !== null) return;
      setBusy(true);
      try {
        if (await actions.subscribeTo(text, qos())) setFilterText('');
      } finally {
        setBusy(false);
      }
    },

    /** Asks the worker for one (valid) filter; true when the broker granted it. */
    async subscribeTo(text: string, requestedQos: Qos): Promise<boolean> {
      try {
        const result = await bridge.subscribe(text, requestedQos);
        const base = { type: 'subscription', filter: text, requestedQos } as const;
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

  return { list, filter, qos, error, busy, ...actions };
}

export type SubscriptionsStore = ReturnType<typeof createSubscriptions>;
export const [SubscriptionsContext, useSubscriptions] =
  createStoreContext<SubscriptionsStore>('useSubscriptions');
