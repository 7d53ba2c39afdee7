// The small form that names a new saved payload or edits one: name, topic and payload, checked
// as the publish form checks them before the worker checks them again.
import { createSignal, Show } from 'solid-js';
import { validatePublishTopic } from '../../shared/mqtt/topics';
import { MAX_TEMPLATE_NAME_CHARS } from '../../shared/templates/template-validate';
import { Field, errorAttrs } from '../ui/Field';

export interface TemplateDraft {
  name: string;
  topic: string;
  payload: string;
}

export function TemplateEditor(props: {
  /** Prefix for element ids, unique on the page. */
  id: string;
  title: string;
  initial: TemplateDraft;
  /** Topic and payload come from the publish form ("Save current as…"): only the name is asked. */
  nameOnly?: boolean;
  onSave: (draft: TemplateDraft) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = createSignal<TemplateDraft>({ ...props.initial });
  const [errors, setErrors] = createSignal<{ name?: string; topic?: string }>({});
  const set = (field: keyof TemplateDraft, value: string) => {
    setDraft({ ...draft(), [field]: value });
    setErrors({});
  };

  async function submit() {
    const d = draft();
    const name =
      d.name.trim() === ''
        ? 'Give the saved payload a name.'
        : d.name.length > MAX_TEMPLATE_NAME_CHARS
          ? `A name has at most ${MAX_TEMPLATE_NAME_CHARS} characters.`
          : undefined;
    const topic = validatePublishTopic(d.topic) ?? undefined;
    setErrors({ name, topic });
    if (name || topic) return;
    if (await props.onSave({ ...d, name: d.name.trim() })) props.onCancel();
  }

  const fid = (field: string) => `${props.id}-${field}`;
  return (
    <form
      class="template-editor"
      aria-label={props.title}
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
    >
      <Field label="Template name" for={fid('name')} error={errors().name}>
        <input
          id={fid('name')}
          type="text"
          autocomplete="off"
          value={draft().name}
          onInput={(e) => set('name', e.currentTarget.value)}
          {...errorAttrs(fid('name'), errors().name)}
        />
      </Field>
      <Show
        when={!props.nameOnly}
        fallback={<FormSummary topic={draft().topic} error={errors().topic} />}
      >
        <Field label="Template topic" for={fid('topic')} error={errors().topic}>
          <input
            id={fid('topic')}
            class="mono"
            type="text"
            autocomplete="off"
            spellcheck={false}
            value={draft().topic}
            onInput={(e) => set('topic', e.currentTarget.value)}
            {...errorAttrs(fid('topic'), errors().topic)}
          />
        </Field>
        <Field label="Template payload" for={fid('payload')}>
          <textarea
            id={fid('payload')}
            class="mono"
            rows="3"
            spellcheck={false}
            value={draft().payload}
            onInput={(e) => set('payload', e.currentTarget.value)}
          />
        </Field>
      </Show>
      <div class="inline-form">
        <button type="submit" class="btn small primary">
          Save template
        </button>
        <button type="button" class="btn small" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** What "Save current as…" will keep, so the name is given knowing what it names. */
function FormSummary(props: { topic: string; error: string | undefined }) {
  return (
    <Show when={props.error} fallback={<p class="template-topic mono">{props.topic}</p>}>
      <p class="form-error" role="alert">
        The publish form's topic cannot be saved: {props.error}
      </p>
    </Show>
  );
}
