// The Profiles view (#/profiles): the saved profiles in the user's order with Connect, Edit,
// Duplicate, Delete and Move up/down; New; export and import (ProfileTransfer); the editor.
import { For, Show, createSignal, onMount } from 'solid-js';
import type { SavedProfile } from '../../shared/protocol';
import { hashOf } from '../app/route';
import { useConnection } from '../connection/connection';
import { openAlongside } from '../connection/connection-choose';
import { ProfileCard } from './ProfileCard';
import { ProfileEditor } from './ProfileEditor';
import { ProfileTransfer } from './ProfileTransfer';
import { blankProfile } from './profile-draft';
import { createProfiles, newProfileKey } from './profiles';
import './profiles.css';

interface Editing {
  saved: SavedProfile;
  title: string;
  /** Where a new entry goes: after this key (a duplicate), else at the end. */
  after?: string;
}

export default function ProfilesView() {
  const connection = useConnection();
  const profiles = createProfiles(connection);
  const list = profiles.list;
  const [editing, setEditing] = createSignal<Editing>();
  const [note, setNote] = createSignal('');
  onMount(() => void connection.refreshProfiles());

  const save = async (saved: SavedProfile): Promise<string | undefined> => {
    const problem = await profiles.save(saved, editing()?.after);
    if (problem !== undefined) return problem;
    setEditing(undefined);
    setNote(`Saved "${saved.name}".`);
    return undefined;
  };

  const move = async (key: string, by: -1 | 1, control: string) => {
    if (!(await profiles.move(key, by))) return;
    // The card moved: keep the keyboard on the same control so the move can repeat (on the
    // other one once the card reached the end, where this one is disabled).
    const card = document.querySelector(`[data-key="${CSS.escape(key)}"]`);
    const same = card?.querySelector<HTMLButtonElement>(`[data-act="${control}"]`);
    const other = card?.querySelector<HTMLButtonElement>(
      `[data-act="${control === 'up' ? 'down' : 'up'}"]`,
    );
    (same?.disabled ? other : same)?.focus();
  };

  const remove = async (saved: SavedProfile) => {
    await profiles.remove(saved.key);
    setNote(`Deleted "${saved.name}".`);
  };

  const connect = async (saved: SavedProfile) => {
    location.hash = hashOf('connection');
    // Beside the open connections: the bar shows them all.
    await openAlongside(connection, saved.profile, saved.key);
  };

  return (
    <div class="profiles-view">
      <Show
        when={editing()}
        fallback={
          <section class="card" aria-labelledby="profiles-title">
            <h2 id="profiles-title" class="card-title">
              Saved profiles
            </h2>
            <div class="actions">
              <button
                type="button"
                class="btn primary"
                onClick={() =>
                  setEditing({
                    saved: { key: newProfileKey(), name: '', profile: blankProfile() },
                    title: 'New profile',
                  })
                }
              >
                New profile
              </button>
              <ProfileTransfer profiles={profiles} onImported={(text) => setNote(text)} />
            </div>
            <p class="field-hint" aria-live="polite">
              {note()}
            </p>
            <Show when={list().length === 0}>
              <p class="muted">
                No saved profiles yet: create one, or use "Save as profile" on the connection form.
              </p>
            </Show>
            <ol class="profile-list" aria-label="Saved profiles">
              <For each={list()}>
                {(saved, i) => (
                  <ProfileCard
                    saved={saved}
                    first={i() === 0}
                    last={i() === list().length - 1}
                    onConnect={() => void connect(saved)}
                    onEdit={() => setEditing({ saved, title: `Edit ${saved.name}` })}
                    onDuplicate={() =>
                      setEditing({
                        saved: {
                          key: newProfileKey(),
                          name: `${saved.name} (copy)`,
                          profile: saved.profile,
                        },
                        title: 'Duplicate profile',
                        after: saved.key,
                      })
                    }
                    onMove={(by, control) => void move(saved.key, by, control)}
                    onDelete={() => void remove(saved)}
                  />
                )}
              </For>
            </ol>
          </section>
        }
      >
        {(current) => (
          <ProfileEditor
            saved={current().saved}
            title={current().title}
            onSave={save}
            onCancel={() => setEditing(undefined)}
          />
        )}
      </Show>
    </div>
  );
}
