// Export (a .json download without any password) and Import (a file of someone's profiles, read
// bounded and field by field; each bad entry listed in words) of the saved profiles.
import { For, Show, createSignal } from 'solid-js';
import {
  MAX_PROFILE_FILE_BYTES,
  profileFileText,
  readProfileFile,
} from '../../shared/profiles/profile-file';
import { downloadText } from '../ui/download';
import { newProfileKey, type ProfilesStore } from './profiles';

const FILE_NAME = 'mqtt-deck-profiles.json';

export function ProfileTransfer(props: {
  profiles: ProfilesStore;
  onImported: (note: string) => void;
}) {
  const [problems, setProblems] = createSignal<string[]>([]);

  const importFile = async (file: File) => {
    // Checked before reading: a huge file would cost memory just to be refused.
    const text = file.size > MAX_PROFILE_FILE_BYTES ? '' : await file.text();
    const read = readProfileFile(
      text,
      file.size,
      props.profiles.list().map((s) => s.key),
      newProfileKey,
      // Only the shape here: the worker judges each profile when it is put (same words), so
      // the page carries no copy of the profile rules.
      () => null,
    );
    const refusals = await props.profiles.addAll(read.profiles);
    const refused: string[] = [...read.errors];
    refusals.forEach((why, i) => {
      if (why === undefined) return;
      const name = read.profiles[i]!.name.slice(0, 60);
      const label = read.labels[i] ?? 'A profile';
      refused.push(`${label} ("${name}"): ${why.replace(/^Not saved: /, '')}`);
    });
    setProblems(refused);
    const added = refusals.filter((why) => why === undefined).length;
    const of = read.profiles.length + read.errors.length;
    props.onImported(`Imported ${added} of ${of} profile${of === 1 ? '' : 's'} from ${file.name}.`);
  };

  return (
    <>
      <button
        type="button"
        class="btn"
        disabled={props.profiles.list().length === 0}
        onClick={() => downloadText(FILE_NAME, profileFileText(props.profiles.list()))}
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
