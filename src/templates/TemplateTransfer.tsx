// Export and Import of the saved payloads shown: a .json download, and a file checked entry by
// entry before anything is added (every problem listed in words, nothing half imported).
import { createSignal, For, Show } from 'solid-js';
import {
  MAX_TEMPLATE_FILE_BYTES,
  templatesFromFile,
  templatesToFile,
} from '../../shared/templates/template-file';
import { downloadText } from '../ui/download';
import { newTemplateKey, type SavedPayloadsStore } from './saved-payloads-store';

export function TemplateTransfer(props: { store: SavedPayloadsStore; fileName: string }) {
  const [errors, setErrors] = createSignal<string[]>([]);

  async function importFile(file: File) {
    setErrors([]);
    if (file.size > MAX_TEMPLATE_FILE_BYTES) {
      setErrors([`The file is larger than 16 MiB; saved payloads files are smaller.`]);
      return;
    }
    const taken = new Set(props.store.list.map((t) => t.key));
    const result = templatesFromFile(await file.text(), taken, newTemplateKey);
    if (!result.ok) {
      props.store.setNotice(undefined);
      setErrors(result.errors);
    } else await props.store.append(result.templates);
  }

  return (
    <>
      <button
        type="button"
        class="btn small"
        disabled={props.store.list.length === 0}
        aria-label="Export saved payloads"
        onClick={() => downloadText(props.fileName, templatesToFile([...props.store.list]))}
      >
        Export
      </button>
      <label class="btn small template-import">
        Import
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Import saved payloads"
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            input.value = ''; // the same file can be chosen again after a fix
            if (file) void importFile(file);
          }}
        />
      </label>
      <Show when={errors().length > 0}>
        <div class="template-import-errors" role="alert">
          <p class="form-error">Nothing was imported:</p>
          <ul>
            <For each={errors()}>{(error) => <li class="form-error">{error}</li>}</For>
          </ul>
        </div>
      </Show>
    </>
  );
}
