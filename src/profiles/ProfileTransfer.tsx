// Export (a .json download without any password) and Import (a file of someone's profiles, read
// bounded and field by field; each bad entry listed in words) of the saved profiles.
import { For, Show, createSignal } from 'solid-js';
import type { SavedProfile } from '../../shared/protocol';
import {
  MAX_PROFILE_FILE_BYTES,
  profileFileText,
  readProfileFile,
} from '../../shared/profiles/profile-file';
import { newProfileKey, useConnection } from '../connection/connection';
import { deckBridge } from '../worker-bridge';

const FILE_NAME = 'mqtt-deck-profiles.json';

function download(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = FILE_NAME;
  link.click();
  // The click has started the download; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ProfileTransfer(props: {
  list: SavedProfile[];
  onImported: (note: string) => void;
}) {
  const bridge = deckBridge();
  const connection = useConnection();
  const [problems, setProblems] = createSignal<string[]>([]);

  const importFile = async (file: File) => {
    // Checked before reading: a huge file would cost memory just to be refused.
    const text = file.size > MAX_PROFILE_FILE_BYTES ? '' : await file.text();
    const read = readProfileFile(
      text,
      file.size,
      props.list.map((s) => s.key),
      newProfileKey,
      // Only the shape here: the worker judges each profile when it is put (same words), so
      // the page carries no copy of the profile rules.
      () => null,
    );
    const refused: string[] = [...read.errors];
    let added = 0;
    for (const [i, saved] of read.profiles.entries()) {
      const result = await bridge.putProfile(saved);
      if (result.ok) added += 1;
      else {
        const why = result.message.replace(/^Not saved: /, '');
        refused.push(`${read.labels[i] ?? 'A profile'} ("${saved.name.slice(0, 60)}"): ${why}`);
      }
    }
    setProblems(refused);
    await connection.refreshProfiles();
    const of = read.profiles.length + read.errors.length;
    props.onImported(`Imported ${added} of ${of} profile${of === 1 ? '' : 's'} from ${file.name}.`);
  };

  return (
    <>
      <button
        type="button"
        class="btn"
        disabled={props.list.length === 0}
        onClick={() => download(profileFileText(props.list))}
      >
        Export
      </button>
      <label class="btn file-btn">
        Import
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Import profiles"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void importFile(file);
          }}
        />
      </label>
      <Show when={problems().length > 0}>
        <div class="form-error import-problems" role="alert">
          <p>Some profiles could not be imported:</p>
          <ul>
            <For each={problems()}>{(p) => <li>{p}</li>}</For>
          </ul>
        </div>
      </Show>
    </>
  );
}
