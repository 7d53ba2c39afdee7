// The editor's last will: topic, payload, QoS, retain; for MQTT 5 its properties too.
import { Show } from 'solid-js';
import type { Qos } from '../../shared/protocol';
import { Field } from '../ui/Field';
import { FlagField, PropRows, TextField, type DraftStore } from './draft-inputs';

export function EditorWill(props: { s: DraftStore }) {
  const s = () => props.s;
  return (
    <fieldset class="pe-group">
      <legend>Last will</legend>
      <FlagField s={s()} k="willOn" label="Send a last will" />
      <Show when={s().d.willOn}>
        <TextField s={s()} k="willTopic" id="pe-will-topic" label="Will topic" mono />
        <Field label="Will payload" for="pe-will-payload">
          <textarea
            id="pe-will-payload"
            class="mono"
            rows="2"
            value={s().d.willPayload}
            onInput={(e) => s().set('willPayload', e.currentTarget.value)}
          />
        </Field>
        <div class="row-3 align-end">
          <Field label="Will QoS" for="pe-will-qos">
            <select
              id="pe-will-qos"
              value={String(s().d.willQos)}
              onChange={(e) => s().set('willQos', Number(e.currentTarget.value) as Qos)}
            >
              <option value="0">0</option>
              <option value="1">1</option>
              <option value="2">2</option>
            </select>
          </Field>
          <FlagField s={s()} k="willRetain" label="Retain the will" />
        </div>
        <Show when={s().d.protocolVersion === 5}>
          <div class="row-2">
            <TextField s={s()} k="willDelayS" id="pe-will-delay" label="Will delay (s)" numeric />
            <TextField
              s={s()}
              k="willExpiryS"
              id="pe-will-expiry"
              label="Will message expiry (s)"
              numeric
            />
          </div>
          <div class="row-2 align-end">
            <TextField s={s()} k="willContentType" id="pe-will-type" label="Will content type" />
            <FlagField s={s()} k="willUtf8" label="Will payload is UTF-8 text" />
          </div>
          <div class="row-2">
            <TextField
              s={s()}
              k="willResponseTopic"
              id="pe-will-response"
              label="Will response topic"
              mono
            />
            <TextField
              s={s()}
              k="willCorrelation"
              id="pe-will-correlation"
              label="Will correlation data"
              mono
            />
          </div>
          <PropRows s={s()} k="willProps" label="Will user property" />
        </Show>
      </Show>
    </fieldset>
  );
}
