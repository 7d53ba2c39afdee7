// Import: an NDJSON export chosen with the file input or dropped on the zone around it, into a
// capture named by the user (the file's name by default); progress, Cancel, the result and
// "Show capture".
import { Show, createSignal } from 'solid-js';
import { useExplorer } from '../explorer';
import { captureNameOf, runImport } from './import-run';
import { TransferStatus } from './TransferStatus';
import { importJob } from './transfer-jobs';

export function ImportSection() {
  const explorer = useExplorer();
  const [file, setFile] = createSignal<File>();
  const [name, setName] = createSignal('');
  const [dragging, setDragging] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  const running = () => importJob()?.phase === 'running';
  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setName(captureNameOf(chosen.name));
    setProblem(undefined);
  };
  const start = () => {
    const chosen = file();
    if (!chosen) return setProblem('Choose an NDJSON file to import first.');
    if (!name().trim()) return setProblem('Give the capture a name.');
    setProblem(undefined);
    void runImport(explorer, chosen, name().trim(), chosen.name);
  };
  return (
    <section class="card transfer-card" aria-labelledby="import-title">
      <h3 id="import-title" class="card-title">
        Import
      </h3>
      <div
        class="drop-zone"
        data-dragging={dragging() ? '' : undefined}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          choose(e.dataTransfer?.files[0]);
        }}
      >
        <p class="muted">Drop an NDJSON export here, or</p>
        {/* The input stays in the tab order (keyboard users pick a file with it); the label
            is what shows, as a button, and shows the input's focus. */}
        <input
          id="import-file"
          class="file-input"
          type="file"
          accept=".ndjson,.jsonl,application/x-ndjson"
          onChange={(e) => choose(e.currentTarget.files?.[0])}
        />
        <label class="btn" for="import-file">
          Choose file
        </label>
        <p class="small" aria-label="Chosen file">
          {file()?.name ?? 'No file chosen'}
        </p>
      </div>
      <div class="transfer-row">
        <div class="transfer-inline">
          <label for="import-name">Capture name</label>
          <input
            id="import-name"
            type="text"
            maxLength={100}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <button type="button" class="btn primary" disabled={running()} onClick={start}>
          Import
        </button>
      </div>
      <Show when={problem()}>
        {(text) => (
          <p class="form-error" role="alert">
            {text()}
          </p>
        )}
      </Show>
      <Show when={importJob()}>
        {(job) => (
          <TransferStatus job={job()} what="Import">
            <Show when={job().phase === 'done' && job().capture}>
              {(capture) => (
                <button
                  type="button"
                  class="btn small"
                  onClick={() => {
                    explorer.setSource(capture().id);
                    explorer.setTab('explore');
                  }}
                >
                  Show capture
                </button>
              )}
            </Show>
          </TransferStatus>
        )}
      </Show>
    </section>
  );
}
