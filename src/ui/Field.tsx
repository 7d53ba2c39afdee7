// A labelled form field with its inline error, announced and tied to the control it is about.
import { Show, type JSX, type ParentProps } from 'solid-js';

export function errorId(controlId: string): string {
  return `${controlId}-error`;
}

/** aria-invalid and aria-describedby for a control that may have an inline error. */
export function errorAttrs(controlId: string, error: string | undefined) {
  return {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': error ? errorId(controlId) : undefined,
  };
}

export function FieldError(props: { for: string; error: string | undefined }) {
  return (
    <Show when={props.error}>
      <p id={errorId(props.for)} class="field-error" role="alert">
        {props.error}
      </p>
    </Show>
  );
}

export function Field(
  props: ParentProps<{
    label: string;
    for: string;
    error?: string;
    hint?: JSX.Element;
    class?: string;
  }>,
) {
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={props.for}>{props.label}</label>
      {props.children}
      <Show when={props.hint}>
        <p class="field-hint">{props.hint}</p>
      </Show>
      <FieldError for={props.for} error={props.error} />
    </div>
  );
}

/** A checkbox with its label beside it; the label text is its accessible name. */
export function Checkbox(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label class="check">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}
