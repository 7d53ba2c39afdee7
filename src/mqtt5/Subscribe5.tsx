// The subscribe form's MQTT 5 options (in the MQTT 5 chunk): no local, retain as published,
// retain handling and subscription identifier, kept in the subscriptions store as they change.
import { For, createSignal } from 'solid-js';
import type { SubscribeOptions } from '../../shared/protocol';
import { Checkbox, Field, errorAttrs } from '../ui/Field';
import { useSubscriptions } from '../subscriptions/subscriptions';
import { Mqtt5Section } from './Mqtt5Section';
import { RETAIN_HANDLING, parseSubscriptionId, subscribeOptionsText } from './subscribe-options';

export function Subscribe5() {
  const subs = useSubscriptions();
  const [idText, setIdText] = createSignal(String(subs.options().subscriptionIdentifier ?? ''));

  /** Sets (or, for a default, drops) one option. */
  const set = <K extends keyof SubscribeOptions>(key: K, value: SubscribeOptions[K]) => {
    const next = { ...subs.options(), [key]: value };
    if (value === undefined || value === false || value === 0) delete next[key];
    subs.setOptions(next);
  };

  return (
    <Mqtt5Section id="subscribe-mqtt5">
      <div class="mqtt5-checks">
        <Checkbox
          label="No local"
          checked={subs.options().noLocal === true}
          onChange={(on) => set('noLocal', on)}
        />
        <Checkbox
          label="Retain as published"
          checked={subs.options().retainAsPublished === true}
          onChange={(on) => set('retainAsPublished', on)}
        />
      </div>
      <div class="row-2">
        <Field label="Retained messages" for="sub5-retain">
          <select
            id="sub5-retain"
            value={String(subs.options().retainHandling ?? 0)}
            onChange={(e) => set('retainHandling', Number(e.currentTarget.value) as 0 | 1 | 2)}
          >
            <For each={RETAIN_HANDLING}>
              {(words, i) => <option value={String(i())}>{words}</option>}
            </For>
          </select>
        </Field>
        <Field label="Subscription identifier" for="sub5-id" error={subs.optionsError()}>
          <input
            id="sub5-id"
            type="text"
            inputmode="numeric"
            placeholder="none"
            autocomplete="off"
            value={idText()}
            onInput={(e) => {
              setIdText(e.currentTarget.value);
              const id = parseSubscriptionId(e.currentTarget.value);
              subs.setOptionsError(typeof id === 'string' ? id : undefined);
              if (typeof id !== 'string') set('subscriptionIdentifier', id);
            }}
            {...errorAttrs('sub5-id', subs.optionsError())}
          />
        </Field>
      </div>
    </Mqtt5Section>
  );
}

/** A subscription's options in words, in its row of the list. */
export function SubscriptionOptions(props: { options: SubscribeOptions }) {
  return <span class="sub-options">{subscribeOptionsText(props.options)}</span>;
}
