// One export: a file asked for in the page where the File System Access API exists (the worker
// writes it, nothing is held in memory), otherwise a Blob from the worker handed to a download.
import type { ExportFormat, HistoryQuery } from '../../../shared/protocol';
import { formatBytes, formatCount } from '../../ui/payload-format';
import { downloadBlob } from '../../ui/download';
import { errorText } from '../../ui/error-text';
import type { Explorer } from '../explorer';
import { exportJob, newJob, patchJob, setExportJob } from './transfer-jobs';

// Not in TypeScript's DOM library (Chromium and Edge only).
interface SaveFilePickerOptions {
  suggestedName?: string;
  types?: { description: string; accept: Record<string, string[]> }[];
}
type SaveFilePicker = (options: SaveFilePickerOptions) => Promise<FileSystemFileHandle>;

const FILE_TYPES: Record<ExportFormat, { description: string; mime: string }> = {
  ndjson: { description: 'NDJSON (one message per line)', mime: 'application/x-ndjson' },
  csv: { description: 'CSV (one row per message)', mime: 'text/csv' },
};

/** `mqtt-deck-history-2026-11-27-0714.ndjson` */
export function exportFileName(label: string, format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  const safe = label.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'history';
  return `mqtt-deck-${safe}-${stamp}.${format}`;
}

/** Must be called straight from the click: the save picker needs the user's gesture. */
export async function runExport(
  explorer: Explorer,
  format: ExportFormat,
  query: HistoryQuery,
  label: string,
): Promise<void> {
  if (exportJob()?.phase === 'running') return;
  const name = exportFileName(label, format);
  const picker = (window as Window & { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  let file: FileSystemFileHandle | undefined;
  if (picker) {
    const type = FILE_TYPES[format];
    try {
      file = await picker({
        suggestedName: name,
        types: [{ description: type.description, accept: { [type.mime]: [`.${format}`] } }],
      });
    } catch (error) {
      // Closing the picker is the user changing their mind, not a failure.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setExportJob({
        ...newJob(),
        phase: 'failed',
        summary: `No file to write: ${errorText(error)}`,
      });
      return;
    }
  }
  const job = newJob();
  setExportJob(job);
  const patch = (p: Parameters<typeof patchJob>[2]) => patchJob(setExportJob, job.jobId, p);
  try {
    const result = await explorer.exportHistory(
      { jobId: job.jobId, format, query, ...(file && { file }) },
      (progress) => patch({ progress }),
    );
    if (!result.ok) return patch({ phase: 'failed', summary: result.message });
    const size = `${formatCount(result.messages)} messages (${formatBytes(result.bytes)})`;
    if (result.cancelled) {
      const kept = file ? `; ${file.name} keeps the ${size} written so far` : '';
      return patch({ phase: 'cancelled', summary: `Export cancelled${kept}.` });
    }
    if (result.blob) downloadBlob(result.blob, name);
    const where = file ? `to ${file.name}` : `as the download ${name}`;
    patch({ phase: 'done', summary: `Exported ${size} ${where}.` });
  } catch (error) {
    patch({ phase: 'failed', summary: `The export failed: ${errorText(error)}` });
  }
}
