// Subscriptions: add a topic filter at a QoS (MQTT 5 options in a chunk, behind a disclosure),
// and see what the broker granted or refused.
import { For, Match, Show, Switch, createSignal } from 'solid-js';
import type { Qos, SubscriptionEvent } from '../../shared/protocol';
import { useConnection } from '../connection/connection';
import { useSubscriptions } from './subscriptions';
import { Disclosure } from '../ui/Disclosure';
import { mqtt5View } from '../mqtt5/mqtt5-view';
import { FieldError, errorAttrs } from '../ui/Field';
import { FormCard } from '../ui/FormCard';
import { QosOptions } from '../ui/QosOptions';

const Subscribe5 = mqtt5View((m) => m.Subscribe5, 'MQTT 5 options');
const Options5 = mqtt5View((m) => m.SubscriptionOptions, 'Subscription options');

function SubscriptionRow(props: { sub: SubscriptionEvent; onRemove: () => void }) {
  return (
    <li class="sub-row" data-state={props.sub.state}>
      <span class="sub-filter mono">{props.sub.filter}</span>
      <Show when={props.sub.options}>{(options) => <Options5 options={options()} />}</Show>
      <span class="sub-state">
        <Switch>
          <Match when={props.sub.state === 'granted'}>
            <span class="chip ok">
              granted QoS {props.sub.grantedQos ?? props.sub.requestedQos}
            </span>
          </Match>
          <Match when={props.sub.state === 'refused'}>
            <span class="chip bad">refused</span>
            <Show when={props.sub.reason}>
              <span class="sub-reason">{props.sub.reason}</span>
            </Show>
          </Match>
          <Match when={props.sub.state === 'pending'}>
            <span class="chip">pending QoS {props.sub.requestedQos}</span>
          </Match>
        </Switch>
      </span>
      <button
        type="button"
        class="btn small ghost"
        aria-label={`Unsubscribe ${props.sub.filter}`}
        onClick={() => props.onRemove()}
      >
        Unsubscribe
      </button>
    </li>
  );
}

export function SubscriptionsPanel() {
  const subs = useSubscriptions();
  const connection = useConnection();
  const [open5, setOpen5] = createSignal(false);

  return (
    <FormCard
      id="subscriptions"
      title="Subscriptions"
      onSubmit={() => void subs.subscribe(connection.form.protocolVersion === 5)}
      after={
        <Show
          when={subs.list.length > 0}
          fallback={<p class="empty-note">No subscriptions. “#” receives everything.</p>}
        >
          <ul class="sub-list" aria-label="Subscriptions">
            <For each={subs.list}>
              {(sub) => (
                <SubscriptionRow sub={sub} onRemove={() => void subs.unsubscribe(sub.filter)} />
              )}
            </For>
          </ul>
        </Show>
      }
    >
      <div class="inline-form">
        <div class="field grow">
          <label for="topic-filter">Topic filter</label>
          <input
            id="topic-filter"
            class="mono"
            type="text"
            placeholder="deck/devices/+/telemetry"
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            value={subs.filter()}
            onInput={(e) => subs.setFilter(e.currentTarget.value)}
            {...errorAttrs('topic-filter', subs.error())}
          />
        </div>
        <div class="field narrow">
          <label for="subscription-qos">Subscription QoS</label>
          <select
            id="subscription-qos"
            value={String(subs.qos())}
            onChange={(e) => subs.setQos(Number(e.currentTarget.value) as Qos)}
          >
            <QosOptions />
          </select>
        </div>
        <button type="submit" class="btn primary" disabled={subs.busy()}>
          Subscribe
        </button>
      </div>
      <FieldError for="topic-filter" error={subs.error()} />
      <Disclosure
        controls="subscribe-mqtt5"
        label="MQTT 5 subscribe options"
        open={open5()}
        onToggle={() => setOpen5(!open5())}
      />
      <Show when={open5()}>
        <Subscribe5 />
      </Show>
    </FormCard>
  );
}
