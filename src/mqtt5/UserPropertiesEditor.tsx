// Name/value rows of MQTT 5 user properties: add, edit, remove, bounded; each row's error inline.
import { Index, Show } from 'solid-js';
import { FieldError, errorAttrs } from '../ui/Field';
import type { UserPropertyRow } from './publish-options';
import { USER_PROPERTIES_MAX } from '../../shared/mqtt/publish-properties';

export function UserPropertiesEditor(props: {
  /** Prefix for element ids. */
  id: string;
  rows: UserPropertyRow[];
  errors: Record<string, string>;
  onChange: (rows: UserPropertyRow[]) => void;
  /** An edit of row `index` (or the list, -1): its error is out of date. */
  onEdit: (index: number) => void;
}) {
  const edit = (index: number, key: keyof UserPropertyRow, text: string) => {
    props.onChange(props.rows.map((row, i) => (i === index ? { ...row, [key]: text } : row)));
    props.onEdit(index);
  };

  return (
    <fieldset class="mqtt5-props">
      <legend>User properties</legend>
      {/* Index, not For: an edit replaces the row object, and the input must keep its focus. */}
      <Index each={props.rows}>
        {(row, i) => {
          const n = i + 1;
          const id = `${props.id}-${i}`;
          const error = () => props.errors[`userProperties.${i}`];
          return (
            <div class="mqtt5-prop-row">
              <input
                id={`${id}-name`}
                class="mono"
                type="text"
                aria-label={`User property name ${n}`}
                placeholder="name"
                autocomplete="off"
                spellcheck={false}
                value={row().name}
                onInput={(e) => edit(i, 'name', e.currentTarget.value)}
                {...errorAttrs(`${id}-name`, error())}
              />
              <input
                class="mono"
                type="text"
                aria-label={`User property value ${n}`}
                placeholder="value"
                autocomplete="off"
                spellcheck={false}
                value={row().value}
                onInput={(e) => edit(i, 'value', e.currentTarget.value)}
              />
              <button
                type="button"
                class="btn small ghost"
                aria-label={`Remove user property ${n}`}
                onClick={() => {
                  props.onChange(props.rows.filter((_, j) => j !== i));
                  props.onEdit(-1);
                }}
              >
                ✕
              </button>
              <FieldError for={`${id}-name`} error={error()} />
            </div>
          );
        }}
      </Index>
      <Show
        when={props.rows.length < USER_PROPERTIES_MAX}
        fallback={<p class="field-hint">At most {USER_PROPERTIES_MAX} user properties.</p>}
      >
        <button
          type="button"
          class="btn small"
          onClick={() => props.onChange([...props.rows, { name: '', value: '' }])}
        >
          Add user property
        </button>
      </Show>
    </fieldset>
  );
}
