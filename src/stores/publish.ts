// The publish domain: the compose form, its topic check, and the broker's answer to the last send.
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { Qos } from '../../worker/protocol';
import { validatePublishTopic } from '../../worker/mqtt-topics';
import type { DeckBridge } from '../worker-bridge';
import { createStoreContext } from './store-context';

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

export function createPublish(bridge: DeckBridge) {
  const [form, setForm] = createStore<PublishForm>({
    topic: '',
    payload: '',
    qos: 0,
    retain: false,
  });
  const [topicError, setTopicError] = createSignal<string>();
  const [outcome, setOutcome] = createSignal<PublishOutcome>();
  const [sending, setSending] = createSignal(false);

  const actions = {
    setField<K extends keyof PublishForm>(key: K, value: PublishForm[K]) {
      setForm(key, value);
      if (key === 'topic') setTopicError(undefined);
    },

    async publish() {
      const problem = validatePublishTopic(form.topic);
      setTopicError(problem ?? undefined);
      if (problem !== null) return;
      setSending(true);
      setOutcome(undefined);
      const { topic, payload, qos, retain } = form;
      try {
        const result = await bridge.publish(topic, payload, { qos, retain });
        if (!result.ok)
          setOutcome({ ok: false, text: `Failed: ${result.message}`, at: Date.now() });
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
        const reason = error instanceof Error ? error.message : String(error);
        setOutcome({ ok: false, text: `Failed: ${reason}`, at: Date.now() });
      } finally {
        setSending(false);
      }
    },
  };

  return { form, topicError, outcome, sending, ...actions };
}

export type PublishStore = ReturnType<typeof createPublish>;
export const [PublishContext, usePublish] = createStoreContext<PublishStore>('usePublish');
