// The profile editor: every field of a connection profile; numbers that do not parse are worded
// beside their field, and the worker's refusal of the rest (profileError on put) above Save.
import { Index, Show, createSignal, onMount } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { MqttVersion, SavedProfile } from '../../shared/protocol';
import { Field } from '../ui/Field';
import { randomClientId } from '../connection/connection-id';
import { FlagField, TextField, type DraftStore } from './draft-inputs';
import { EditorConnectProperties, EditorReconnect } from './EditorOptions';
import { EditorWill } from './EditorWill';
import { draftFrom, profileFromDraft, type DraftErrors } from './profile-draft';

export function ProfileEditor(props: {
  saved: SavedProfile;
  title: string;
  /** Resolves with why it was not saved, or undefined once saved. */
  onSave: (saved: SavedProfile) => Promise<string | undefined>;
  onCancel: () => void;
}) {
  // eslint-disable-next-line solid/reactivity -- the draft starts from the profile once
  const [d, set] = createStore(draftFrom(props.saved.name, props.saved.profile));
  const [errors, setErrors] = createSignal<DraftErrors>({});
  const [problem, setProblem] = createSignal<string>();
  const s: DraftStore = { d, set, errors };
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());

  const save = async () => {
    const read = profileFromDraft(d);
    const fieldErrors = 'errors' in read ? read.errors : {};
    setErrors(fieldErrors);
    if ('errors' in read) {
      setProblem(`Not saved: ${Object.values(fieldErrors).join(' ')}`);
      return;
    }
    if (d.name.trim() === '') {
      setProblem('Not saved: give the profile a name.');
      return;
    }
    setProblem(
      await props.onSave({ key: props.saved.key, name: d.name.trim(), profile: read.profile }),
    );
  };

  return (
    <section class="card profile-editor" aria-labelledby="pe-title">
      <h2 id="pe-title" class="card-title" tabindex="-1" ref={heading}>
        {props.title}
      </h2>
      <form class="form" novalidate onSubmit={(e) => (e.preventDefault(), void save())}>
        <TextField s={s} k="name" id="pe-name" label="Profile name" />
        <TextField s={s} k="url" id="pe-url" label="Broker URL" mono />
        <fieldset class="pe-group">
          <legend>Fallback URLs</legend>
          <Index each={d.fallbackUrls}>
            {(url, i) => (
              <div class="prop-row">
                <input
                  type="text"
                  class="mono"
                  aria-label={`Fallback URL ${i + 1}`}
                  value={url()}
                  onInput={(e) => set('fallbackUrls', i, e.currentTarget.value)}
                />
                <button
                  type="button"
                  class="btn"
                  aria-label={`Remove fallback URL ${i + 1}`}
                  onClick={() => set('fallbackUrls', (l) => l.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </div>
            )}
          </Index>
          <button
            type="button"
            class="btn"
            onClick={() => set('fallbackUrls', (l) => [...l, 'wss://'])}
          >
            Add fallback URL
          </button>
        </fieldset>
        <div class="row-2 align-end">
          <TextField s={s} k="clientId" id="pe-client-id" label="Client ID" mono />
          <button type="button" class="btn" onClick={() => set('clientId', randomClientId())}>
            Random
          </button>
        </div>
        <div class="row-2">
          <TextField s={s} k="username" id="pe-username" label="Username" />
          <TextField s={s} k="password" id="pe-password" label="Password" type="password" />
        </div>
        <FlagField s={s} k="rememberPassword" label="Remember password" />
        <div class="row-2 align-end">
          <TextField s={s} k="keepaliveS" id="pe-keepalive" label="Keepalive (s)" numeric />
          <Field label="MQTT version" for="pe-version">
            <select
              id="pe-version"
              value={String(d.protocolVersion)}
              onChange={(e) => set('protocolVersion', Number(e.currentTarget.value) as MqttVersion)}
            >
              <option value="4">3.1.1</option>
              <option value="5">5.0</option>
            </select>
          </Field>
        </div>
        <div class="row-2 align-end">
          <FlagField s={s} k="persistent" label="Persistent session" />
          <Show when={d.protocolVersion === 5 && d.persistent}>
            <TextField s={s} k="sessionExpiryS" id="pe-expiry" label="Session expiry (s)" numeric />
          </Show>
        </div>
        <EditorWill s={s} />
        <Show when={d.protocolVersion === 5}>
          <EditorConnectProperties s={s} />
        </Show>
        <EditorReconnect s={s} />
        <Show when={problem()}>
          <p class="form-error" role="alert">
            {problem()}
          </p>
        </Show>
        <div class="actions">
          <button type="submit" class="btn primary">
            Save
          </button>
          <button type="button" class="btn" onClick={() => props.onCancel()}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
