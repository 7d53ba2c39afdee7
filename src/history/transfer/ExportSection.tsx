// Export: the explorer's current selection (its filter, in live history or the capture shown)
// to NDJSON or CSV, with its count, progress, Cancel and the result.
import { Show, createMemo, createSignal } from 'solid-js';
import type { ExportFormat } from '../../../shared/protocol';
import { formatCount } from '../../ui/payload-format';
import { useExplorer } from '../explorer';
import type { ExplorerFilter } from '../explorer';
import { createExportCount } from './export-count';
import { runExport } from './export-run';
import { TransferStatus } from './TransferStatus';
import { exportJob } from './transfer-jobs';

/** `limit` is ignored by an export; the query type asks for one. */
const EXPORT_LIMIT = 1;

/** Whether the filter narrows anything (flags such as ignoreCase alone do not). */
function isFiltered(f: ExplorerFilter): boolean {
  return Boolean(
    f.topicFilter ||
    f.text ||
    f.from !== undefined ||
    f.to !== undefined ||
    f.direction ||
    f.qos?.length ||
    f.retained !== undefined,
  );
}

export function ExportSection(props: { sourceName: string }) {
  const explorer = useExplorer();
  const [format, setFormat] = createSignal<ExportFormat>('ndjson');
  const query = createMemo(() => explorer.query(EXPORT_LIMIT));
  const counted = createExportCount(explorer, query);
  const what = () => {
    const n = counted.count();
    const filtered = isFiltered(explorer.filter());
    if (n === 0) {
      return filtered
        ? `No messages match the current filter in ${props.sourceName}: nothing to export.`
        : `Nothing is stored in ${props.sourceName} yet: nothing to export.`;
    }
    const messages = n === undefined ? 'messages (counting…)' : `${formatCount(n)} messages`;
    return filtered
      ? `Export the ${messages} matching the current filter in ${props.sourceName}.`
      : `Export all ${messages} stored in ${props.sourceName}.`;
  };
  const running = () => exportJob()?.phase === 'running';
  return (
    <section class="card transfer-card" aria-labelledby="export-title">
      <h3 id="export-title" class="card-title">
        Export
      </h3>
      <p aria-label="Export selection">{what()}</p>
      <Show when={counted.error()}>
        {(error) => <p class="form-error">The selection cannot be counted: {error()}</p>}
      </Show>
      <div class="transfer-row">
        <div class="transfer-inline">
          <label for="export-format">Format</label>
          <select
            id="export-format"
            value={format()}
            onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}
          >
            <option value="ndjson">NDJSON (one message per line)</option>
            <option value="csv">CSV (one row per message)</option>
          </select>
        </div>
        <button
          type="button"
          class="btn primary"
          disabled={running() || counted.count() === 0}
          onClick={() => void runExport(explorer, format(), query(), props.sourceName)}
        >
          Export
        </button>
      </div>
      <p class="muted small">
        NDJSON keeps every property and imports back into MQTT Deck; CSV opens in a spreadsheet.
      </p>
      <Show when={exportJob()}>{(job) => <TransferStatus job={job()} what="Export" />}</Show>
    </section>
  );
}
