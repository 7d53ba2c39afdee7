// The frame of a form's MQTT 5 options (publish, subscribe): the options while the connection
// form says 5.0, otherwise a note that they need it.
import { Show, type ParentProps } from 'solid-js';
import { useConnection } from '../connection/connection';

export function Mqtt5Section(props: ParentProps<{ id: string }>) {
  const connection = useConnection();
  return (
    <div id={props.id} class="mqtt5">
      <Show
        when={connection.form.protocolVersion === 5}
        fallback={
          <p class="field-hint">These options need MQTT 5: choose 5.0 for the connection.</p>
        }
      >
        {props.children}
      </Show>
    </div>
  );
}
