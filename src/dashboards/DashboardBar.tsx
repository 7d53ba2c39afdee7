// The dashboards toolbar: pick a dashboard, Edit, and (in edit mode) new, rename, delete, add a
// tile; export and import as a JSON file, with an import's problems listed in words; open the
// shown dashboard as a kiosk.
import { For, Show, createSignal, untrack } from 'solid-js';
import { kioskHash } from '../app/route';
import type { Dashboard } from './dashboard-model';
import { parseDashboardFile } from './dashboard-validate';
import { downloadText } from '../ui/download';
import { MAX_IMPORT_BYTES, dashboardToFile, fileNameFor } from './dashboard-file';
import type { DashboardsStore } from './dashboards-store';
import { NameForm } from './NameForm';

export function DashboardBar(props: { store: DashboardsStore; onAddTile: () => void }) {
  // The store is created once by the view and never replaced.
  const store = untrack(() => props.store);
  const [importErrors, setImportErrors] = createSignal<string[]>([]);
  let picker!: HTMLInputElement;

  async function importFile(file: File | undefined) {
    if (!file) return;
    picker.value = '';
    if (file.size > MAX_IMPORT_BYTES)
      return setImportErrors([
        `The file is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB; a dashboard file is a few kilobytes.`,
      ]);
    const checked = parseDashboardFile(await file.text());
    if (!checked.ok) return setImportErrors(checked.errors);
    setImportErrors([]);
    store.add(checked.value);
  }

  // Which inline form is open: naming a new dashboard, renaming, or confirming a delete.
  const [open, setOpen] = createSignal<'new' | 'rename' | 'delete'>();
  const withCurrent = (run: (d: Dashboard) => void) => () => {
    const d = store.current();
    if (d) run(d);
  };

  return (
    <div class="dashboard-bar">
      <div class="bar-row">
        <Show when={store.list.length > 0}>
          <div class="bar-select">
            <label for="dashboard-select">Dashboard</label>
            <select
              id="dashboard-select"
              value={store.current()?.id ?? ''}
              onChange={(e) => store.select(e.currentTarget.value)}
            >
              <For each={store.list}>{(d) => <option value={d.id}>{d.name}</option>}</For>
            </select>
          </div>
          <button
            type="button"
            class="btn"
            aria-pressed={store.editing()}
            onClick={() => store.setEditing(!store.editing())}
          >
            {store.editing() ? 'Done editing' : 'Edit'}
          </button>
        </Show>
        <button type="button" class="btn" onClick={() => setOpen('new')}>
          New dashboard
        </button>
        <button type="button" class="btn" onClick={() => picker.click()}>
          Import
        </button>
        <input
          ref={picker}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Dashboard file to import"
          onChange={(e) => void importFile(e.currentTarget.files?.[0])}
        />
        <Show when={store.current()}>
          <button
            type="button"
            class="btn"
            onClick={withCurrent((d) => downloadText(fileNameFor(d), dashboardToFile(d)))}
          >
            Export
          </button>
        </Show>
        <Show when={store.current()}>
          {(d) => (
            <a class="btn" href={kioskHash(d().id)}>
              Open as kiosk
            </a>
          )}
        </Show>
      </div>
      <Show when={store.editing() && store.current()}>
        <div class="bar-row" role="group" aria-label="Edit dashboard">
          <button type="button" class="btn primary" onClick={() => props.onAddTile()}>
            Add tile
          </button>
          <button type="button" class="btn" onClick={() => setOpen('rename')}>
            Rename
          </button>
          <button type="button" class="btn" onClick={() => setOpen('delete')}>
            Delete dashboard
          </button>
        </div>
      </Show>
      <Show when={open() === 'new'}>
        <NameForm
          label="New dashboard name"
          initial="My dashboard"
          submit="Create"
          onDone={(name) => {
            setOpen();
            if (name) store.create(name);
          }}
        />
      </Show>
      <Show when={open() === 'rename' && store.current()}>
        {(d) => (
          <NameForm
            label="Dashboard name"
            initial={d().name}
            submit="Save name"
            onDone={(name) => {
              setOpen();
              if (name) store.rename(name);
            }}
          />
        )}
      </Show>
      <Show when={open() === 'delete' && store.current()}>
        {(d) => (
          <div class="bar-row" role="group" aria-label="Confirm delete">
            <p>Delete the dashboard “{d().name}” and its tiles?</p>
            <button
              type="button"
              class="btn danger"
              onClick={() => {
                setOpen();
                void store.remove();
              }}
            >
              Yes, delete it
            </button>
            <button type="button" class="btn" onClick={() => setOpen()}>
              Keep it
            </button>
          </div>
        )}
      </Show>
      <Show when={importErrors().length > 0}>
        <div class="banner bad import-errors" role="alert">
          <p>The dashboard could not be imported:</p>
          <ul>
            <For each={importErrors()}>{(e) => <li>{e}</li>}</For>
          </ul>
          <button type="button" class="btn small" onClick={() => setImportErrors([])}>
            Dismiss
          </button>
        </div>
      </Show>
    </div>
  );
}
