// The publish domain: the compose form (its MQTT 5 options as typed), its checks, and the
// broker's answer to the last send, on the selected connection.
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { PublishOptions, Qos, StatusEvent } from '../../shared/protocol';
import { validatePublishTopic } from '../../shared/mqtt/topics';
import type { Publish5Errors, Publish5Form, publishOptions5 } from '../mqtt5/publish-options';
import type { DeckBridge } from '../worker-bridge';
import { createStoreContext } from '../ui/store-context';
import { errorText } from '../ui/error-text';

export interface PublishForm {
  topic: string;
  payload: string;
  qos: Qos;
  retain: boolean;
}

export interface PublishOutcome {
  ok: boolean;
  text: string;
  at: number;
}

/** The MQTT 5 option rules, which live in the MQTT 5 chunk: loaded on the first 5.0 publish. */
export type LoadPublishRules = () => Promise<typeof publishOptions5>;

/** `selected`: the connection publishes go to (undefined: the worker's default). */
export function createPublish(
  bridge: DeckBridge,
  selected: () => string | undefined,
  loadRules: LoadPublishRules,
) {
  const [form, setForm] = createStore<PublishForm>({
    topic: '',
    payload: '',
    qos: 0,
    retain: false,
  });
  const [form5, setForm5] = createStore<Publish5Form>({
    contentType: '',
    utf8: false,
    expiryS: '',
    responseTopic: '',
    correlation: '',
    correlationHex: false,
    userProperties: [],
    topicAlias: '',
  });
  const [topicError, setTopicError] = createSignal<string>();
  const [errors5, setErrors5] = createSignal<Publish5Errors>({});
  const [outcome, setOutcome] = createSignal<PublishOutcome>();
  const [sending, setSending] = createSignal(false);
  const fail = (text: string) => setOutcome({ ok: false, text, at: Date.now() });

  const actions = {
    setField<K extends keyof PublishForm>(key: K, value: PublishForm[K]) {
      setForm(key, value);
      if (key === 'topic') setTopicError(undefined);
    },
    /** Edits the MQTT 5 options (the chunk's editors, which also clear the field's error). */
    setForm5,
    /** Drops the error of `field` and of its parts (`userProperties` clears every row's). */
    clearError5(field: string) {
      const all = errors5();
      const keys = Object.keys(all).filter((k) => k === field || k.startsWith(`${field}.`));
      if (keys.length === 0) return;
      const rest = { ...all };
      for (const k of keys) delete rest[k];
      setErrors5(rest);
    },

    /** Sends the form; with the status of a 5.0 connection, its MQTT 5 options go too. */
    async publish(mqtt5?: StatusEvent) {
      const problem = validatePublishTopic(form.topic);
      setTopicError(problem ?? undefined);
      if (problem !== null) return;
      const { topic, payload, qos, retain } = form;
      let options: PublishOptions = { qos, retain };
      setSending(true);
      setOutcome(undefined);
      try {
        if (mqtt5) {
          // The rules live in the MQTT 5 chunk (already loaded when the form says 5.0).
          const rules = await loadRules();
          const built = rules(form5, options, mqtt5);
          setErrors5(built.errors);
          if (!built.options) {
            fail(built.summary);
            return;
          }
          options = built.options;
        }
        const result = await bridge.publish(topic, payload, options, selected());
        if (!result.ok) fail(`Failed: ${result.message}`);
        else {
          // Queued: stored in the outbox, sent (or sent again) once connected; see the Outbox.
          const text = result.queued
            ? `Queued (QoS ${result.qos}): in the Outbox until the broker has it`
            : result.acknowledged
              ? `Acknowledged (QoS ${result.qos})`
              : `Sent (QoS ${result.qos})`;
          setOutcome({ ok: true, text, at: Date.now() });
        }
      } catch (error) {
        fail(`Failed: ${errorText(error)}`);
      } finally {
        setSending(false);
      }
    },
  };

  return { form, form5, topicError, errors5, outcome, sending, ...actions };
}

export type PublishStore = ReturnType<typeof createPublish>;
export const [PublishContext, usePublish] = createStoreContext<PublishStore>('usePublish');
