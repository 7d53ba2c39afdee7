// One saved payload in the list: its name, topic and QoS/retain badge, one-click Send, and the
// actions that change it (load, edit, move, delete with a confirmation).
import { createSignal, Show } from 'solid-js';
import type { PayloadTemplate } from '../../shared/protocol';
import { badgeText } from './template-form';
import { TemplateEditor, type TemplateDraft } from './TemplateEditor';

export interface RowActions {
  send: () => void;
  load: () => void;
  save: (draft: TemplateDraft) => Promise<boolean>;
  move: (by: -1 | 1) => void;
  remove: () => void;
}

export function TemplateRow(props: {
  template: PayloadTemplate;
  index: number;
  count: number;
  actions: RowActions;
}) {
  const [mode, setMode] = createSignal<'view' | 'edit' | 'confirm'>('view');
  const name = () => props.template.name;
  return (
    <li class="template-row">
      <div class="template-head">
        <span class="template-name">{name()}</span>
        <span class="chip">{badgeText(props.template.options)}</span>
        <button
          type="button"
          class="btn small primary push-right"
          aria-label={`Send ${name()}`}
          onClick={() => props.actions.send()}
        >
          Send
        </button>
      </div>
      <span class="template-topic mono">{props.template.topic}</span>
      <Show when={mode() === 'view'}>
        <div class="template-actions">
          <button
            type="button"
            class="btn small"
            aria-label={`Load into form: ${name()}`}
            onClick={() => props.actions.load()}
          >
            Load into form
          </button>
          <button
            type="button"
            class="btn small"
            aria-label={`Edit ${name()}`}
            onClick={() => setMode('edit')}
          >
            Edit
          </button>
          <button
            type="button"
            class="btn small ghost"
            aria-label={`Move ${name()} up`}
            disabled={props.index === 0}
            onClick={() => props.actions.move(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            class="btn small ghost"
            aria-label={`Move ${name()} down`}
            disabled={props.index === props.count - 1}
            onClick={() => props.actions.move(1)}
          >
            ↓
          </button>
          <button
            type="button"
            class="btn small ghost"
            aria-label={`Delete ${name()}`}
            onClick={() => setMode('confirm')}
          >
            Delete
          </button>
        </div>
      </Show>
      <Show when={mode() === 'confirm'}>
        <div class="template-actions" role="group" aria-label={`Delete ${name()}?`}>
          <span class="form-error">Delete “{name()}”?</span>
          <button
            type="button"
            class="btn small danger"
            aria-label={`Confirm delete ${name()}`}
            onClick={() => props.actions.remove()}
          >
            Delete
          </button>
          <button
            type="button"
            class="btn small"
            aria-label={`Keep ${name()}`}
            onClick={() => setMode('view')}
          >
            Keep
          </button>
        </div>
      </Show>
      <Show when={mode() === 'edit'}>
        <TemplateEditor
          id={`template-edit-${props.index}`}
          title={`Edit ${name()}`}
          initial={{ name: name(), topic: props.template.topic, payload: props.template.payload }}
          onSave={(draft) => props.actions.save(draft)}
          onCancel={() => setMode('view')}
        />
      </Show>
    </li>
  );
}
