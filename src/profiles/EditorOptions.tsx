// The editor's MQTT 5 connect properties and its reconnect policy.
import { Show } from 'solid-js';
import { FlagField, PropRows, TextField, type DraftStore } from './draft-inputs';

export function EditorConnectProperties(props: { s: DraftStore }) {
  const s = () => props.s;
  return (
    <fieldset class="pe-group">
      <legend>MQTT 5 connect properties</legend>
      <div class="row-3">
        <TextField s={s()} k="receiveMaximum" id="pe-receive-max" label="Receive maximum" numeric />
        <TextField
          s={s()}
          k="maximumPacketSize"
          id="pe-packet-max"
          label="Maximum packet size (bytes)"
          numeric
        />
        <TextField
          s={s()}
          k="topicAliasMaximum"
          id="pe-alias-max"
          label="Topic alias maximum"
          numeric
        />
      </div>
      <FlagField s={s()} k="requestResponseInfo" label="Request response information" />
      <FlagField s={s()} k="requestProblemInfo" label="Request problem information" />
      <PropRows s={s()} k="connectProps" label="Connect user property" />
    </fieldset>
  );
}

export function EditorReconnect(props: { s: DraftStore }) {
  const s = () => props.s;
  return (
    <fieldset class="pe-group">
      <legend>Reconnect</legend>
      <FlagField s={s()} k="reconnectOn" label="Reconnect automatically" />
      <Show when={s().d.reconnectOn}>
        <div class="row-3">
          <TextField
            s={s()}
            k="firstDelayMs"
            id="pe-first-delay"
            label="First retry delay (ms)"
            numeric
          />
          <TextField
            s={s()}
            k="longestDelayMs"
            id="pe-longest-delay"
            label="Longest retry delay (ms)"
            numeric
          />
          <TextField
            s={s()}
            k="maxAttempts"
            id="pe-attempts"
            label="Give up after (attempts, 0 = never)"
            numeric
          />
        </div>
      </Show>
    </fieldset>
  );
}
