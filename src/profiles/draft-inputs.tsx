// The profile editor's controls, each bound to one field of the draft: labelled text and number
// inputs with their inline error, checkboxes, and name/value rows for user properties.
import { For } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import { Checkbox, Field, errorAttrs } from '../ui/Field';
import type { DraftErrors, ProfileDraft, PropRow } from './profile-draft';

export interface DraftStore {
  d: ProfileDraft;
  set: SetStoreFunction<ProfileDraft>;
  errors: () => DraftErrors;
}

type KeysOf<V> = {
  [K in keyof ProfileDraft]: ProfileDraft[K] extends V ? K : never;
}[keyof ProfileDraft];
export type TextKey = KeysOf<string>;
export type FlagKey = KeysOf<boolean>;
export type RowsKey = KeysOf<PropRow[]>;

const PLAIN = { autocomplete: 'off', autocapitalize: 'off', spellcheck: false } as const;

export function TextField(props: {
  s: DraftStore;
  k: TextKey;
  id: string;
  label: string;
  numeric?: boolean;
  mono?: boolean;
  type?: 'password';
  class?: string;
}) {
  const error = () => props.s.errors()[props.id];
  return (
    <Field label={props.label} for={props.id} error={error()} class={props.class}>
      <input
        id={props.id}
        class={props.mono ? 'mono' : undefined}
        type={props.type ?? 'text'}
        inputmode={props.numeric ? 'numeric' : undefined}
        value={props.s.d[props.k]}
        onInput={(e) => props.s.set(props.k, e.currentTarget.value)}
        {...PLAIN}
        {...errorAttrs(props.id, error())}
      />
    </Field>
  );
}

export function FlagField(props: { s: DraftStore; k: FlagKey; label: string }) {
  return (
    <Checkbox
      label={props.label}
      checked={props.s.d[props.k]}
      onChange={(checked) => props.s.set(props.k, checked)}
    />
  );
}

/** User properties as name/value rows; `label` names the group and each control in it. */
export function PropRows(props: { s: DraftStore; k: RowsKey; label: string }) {
  const rows = () => props.s.d[props.k];
  return (
    <fieldset class="prop-rows">
      <legend>{props.label}</legend>
      <For each={rows()}>
        {(row, i) => (
          <div class="prop-row">
            <input
              type="text"
              aria-label={`${props.label} ${i() + 1} name`}
              placeholder="name"
              value={row.name}
              onInput={(e) => props.s.set(props.k, i(), 'name', e.currentTarget.value)}
              {...PLAIN}
            />
            <input
              type="text"
              aria-label={`${props.label} ${i() + 1} value`}
              placeholder="value"
              value={row.value}
              onInput={(e) => props.s.set(props.k, i(), 'value', e.currentTarget.value)}
              {...PLAIN}
            />
            <button
              type="button"
              class="btn"
              aria-label={`Remove ${props.label.toLowerCase()} ${i() + 1}`}
              onClick={() => {
                const at = i();
                props.s.set(props.k, (list) => list.filter((_, j) => j !== at));
              }}
            >
              Remove
            </button>
          </div>
        )}
      </For>
      <button
        type="button"
        class="btn"
        onClick={() => props.s.set(props.k, (list) => [...list, { name: '', value: '' }])}
      >
        Add {props.label.toLowerCase()}
      </button>
    </fieldset>
  );
}
