// Saved payloads of the current saved profile (issue 7), below the publish form: one click
// sends one. An unsaved connection uses this device's own collection (key '').
import './templates.css';
import { createSignal, For, Show } from 'solid-js';
import { useConnection } from '../connection/connection';
import { usePublish } from '../publish/publish';
import { createSavedPayloads } from './saved-payloads-store';
import { fromForm, intoForm } from './template-form';
import { TemplateEditor } from './TemplateEditor';
import { TemplateRow } from './TemplateRow';
import { TemplateTransfer } from './TemplateTransfer';

/** The key of the collection an unsaved connection uses: never a saved profile's key. */
export const DEVICE_COLLECTION = '';

export default function SavedPayloads() {
  const connection = useConnection();
  const publish = usePublish();
  const store = createSavedPayloads(() => connection.savedKey() ?? DEVICE_COLLECTION);
  const [adding, setAdding] = createSignal(false);
  const whose = () =>
    connection.savedKey() === undefined
      ? 'this device'
      : store.profileName()
        ? `profile “${store.profileName()}”`
        : 'this profile';
  async function saveCurrent(name: string): Promise<boolean> {
    const current = await fromForm(publish, connection);
    if (typeof current !== 'string') return store.add({ ...current, name });
    store.setNotice({ ok: false, text: current });
    return false;
  }

  return (
    <section class="templates" role="region" aria-labelledby="templates-title">
      <h3 id="templates-title" class="templates-title">
        Saved payloads <span class="templates-whose">· {whose()}</span>
      </h3>
      <div class="template-toolbar">
        <button
          type="button"
          class="btn small"
          aria-expanded={adding()}
          onClick={() => setAdding(!adding())}
        >
          Save current as…
        </button>
        <TemplateTransfer store={store} fileName="saved-payloads.json" />
      </div>
      <Show when={adding()}>
        <TemplateEditor
          id="template-new"
          title="Save current as"
          nameOnly
          initial={{ name: publish.form.topic, topic: publish.form.topic, payload: '' }}
          onSave={(draft) => saveCurrent(draft.name)}
          onCancel={() => setAdding(false)}
        />
      </Show>
      <p class="template-notice" aria-live="polite">
        <Show when={store.notice()}>
          {(n) => <span classList={{ ok: n().ok, bad: !n().ok }}>{n().text}</span>}
        </Show>
      </p>
      <Show
        when={store.list.length > 0}
        fallback={
          <Show when={store.loaded()}>
            <p class="empty-note">No saved payloads yet: fill the form, then “Save current as…”.</p>
          </Show>
        }
      >
        <ul class="sub-list" aria-label="Saved payloads">
          <For each={store.list}>
            {(t, i) => (
              <TemplateRow
                template={t}
                index={i()}
                count={store.list.length}
                actions={{
                  send: () => void store.send(t),
                  load: () => {
                    intoForm(publish, t);
                    store.setNotice({ ok: true, text: `Loaded "${t.name}" into the form.` });
                  },
                  save: (draft) => store.update(t.key, draft),
                  move: (by) => void store.move(t, by),
                  remove: () => void store.remove(t),
                }}
              />
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
