// Publishing: topic, payload text, QoS and retain, the MQTT 5 options (a chunk, behind a
// disclosure), and what the broker made of the last send.
import { Show, createEffect, createSignal } from 'solid-js';
import { chunkView } from '../ui/chunk-view';
import type { Qos } from '../../shared/protocol';
import { useConnection } from '../connection/connection';
import { usePublish } from './publish';
import { Disclosure } from '../ui/Disclosure';
import { loadMqtt5, mqtt5View } from '../mqtt5/mqtt5-view';
import { Checkbox, Field, errorAttrs } from '../ui/Field';
import { FormCard } from '../ui/FormCard';
import { OutboxList } from './OutboxList';
import { QosOptions } from '../ui/QosOptions';

// Its own chunk: nothing of it is needed before the first paint.
const SavedPayloads = chunkView(() => import('../templates/SavedPayloads'), 'Saved payloads');
const Publish5 = mqtt5View((m) => m.Publish5, 'MQTT 5 options');

export function PublishPanel() {
  const publish = usePublish();
  const connection = useConnection();
  const [open5, setOpen5] = createSignal(false);
  // On 5.0 a publish needs the MQTT 5 chunk (its option rules): fetch it ahead of the click.
  createEffect(() => connection.form.protocolVersion === 5 && void loadMqtt5());

  return (
    <FormCard
      id="publish"
      title="Publish"
      onSubmit={() =>
        void publish.publish(
          connection.form.protocolVersion === 5 ? connection.status() : undefined,
        )
      }
      after={
        <>
          <SavedPayloads />
          <OutboxList />
        </>
      }
    >
      <Field label="Publish topic" for="publish-topic" error={publish.topicError()}>
        <input
          id="publish-topic"
          class="mono"
          type="text"
          placeholder="deck/devices/sensor-1/cmd"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          value={publish.form.topic}
          onInput={(e) => publish.setField('topic', e.currentTarget.value)}
          {...errorAttrs('publish-topic', publish.topicError())}
        />
      </Field>
      <Field label="Payload" for="publish-payload">
        <textarea
          id="publish-payload"
          class="mono"
          rows="4"
          placeholder='{"command": "ping"}'
          spellcheck={false}
          value={publish.form.payload}
          onInput={(e) => publish.setField('payload', e.currentTarget.value)}
        />
      </Field>
      <Disclosure
        controls="publish-mqtt5"
        label="MQTT 5 publish options"
        open={open5()}
        onToggle={() => setOpen5(!open5())}
      />
      <Show when={open5()}>
        <Publish5 />
      </Show>
      <div class="inline-form">
        <div class="field narrow">
          <label for="publish-qos">Publish QoS</label>
          <select
            id="publish-qos"
            value={String(publish.form.qos)}
            onChange={(e) => publish.setField('qos', Number(e.currentTarget.value) as Qos)}
          >
            <QosOptions />
          </select>
        </div>
        <Checkbox
          label="Retain"
          checked={publish.form.retain}
          onChange={(checked) => publish.setField('retain', checked)}
        />
        <button type="submit" class="btn primary push-right" disabled={publish.sending()}>
          Publish
        </button>
      </div>
      <p class="publish-result" aria-live="polite">
        <Show when={publish.sending()}>Sending…</Show>
        <Show when={!publish.sending() && publish.outcome()}>
          {(outcome) => (
            <span classList={{ ok: outcome().ok, bad: !outcome().ok }}>{outcome().text}</span>
          )}
        </Show>
      </p>
    </FormCard>
  );
}
