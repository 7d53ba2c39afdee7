// An inline form for a dashboard's name (new or rename): no browser prompt, nothing modal.
import { createSignal, onMount } from 'solid-js';

export function NameForm(props: {
  label: string;
  initial: string;
  submit: string;
  onDone: (name: string | undefined) => void;
}) {
  const [name, setName] = createSignal(props.initial);
  const [error, setError] = createSignal<string>();
  let input!: HTMLInputElement;
  onMount(() => input.select());
  return (
    <form
      class="bar-row name-form"
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = name().trim();
        if (trimmed === '') return setError('A dashboard needs a name.');
        props.onDone(trimmed.slice(0, 100));
      }}
    >
      <label class="bar-select">
        <span>{props.label}</span>
        <input
          ref={input}
          type="text"
          value={name()}
          aria-invalid={error() ? 'true' : undefined}
          onInput={(e) => (setName(e.currentTarget.value), setError(undefined))}
        />
      </label>
      <button type="submit" class="btn primary">
        {props.submit}
      </button>
      <button type="button" class="btn" onClick={() => props.onDone(undefined)}>
        Cancel
      </button>
      <p class="field-error" role="alert" hidden={!error()}>
        {error()}
      </p>
    </form>
  );
}
