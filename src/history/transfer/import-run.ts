// One import: a file (picked, dropped or launched) read by the worker into a new capture, and
// the result in words. Launched files are imported one after the other, then the last is shown.
import { formatCount } from '../../ui/payload-format';
import { takeLaunchedFiles } from './launch-files';
import { errorText } from '../../ui/error-text';
import type { Explorer } from '../explorer';
import { importJob, newJob, patchJob, setImportJob } from './transfer-jobs';
import type { TransferJob } from './transfer-jobs';

/** The capture's name the form proposes: the file's name without its extension. */
export function captureNameOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot > 0 ? fileName.slice(0, dot) : fileName).trim().slice(0, 100) || 'Capture';
}

/** Imports `file` as capture `name`; resolves to the finished job. */
export async function runImport(
  explorer: Explorer,
  file: Blob,
  name: string,
  fileName?: string,
): Promise<TransferJob> {
  const job = newJob();
  setImportJob({ ...job, progress: { messages: 0, bytes: 0, totalBytes: file.size } });
  const patch = (p: Partial<TransferJob>) => patchJob(setImportJob, job.jobId, p);
  try {
    const result = await explorer.importCapture(
      { jobId: job.jobId, name, file, ...(fileName !== undefined && { fileName }) },
      (progress) => patch({ progress }),
    );
    if (!result.ok) patch({ phase: 'failed', summary: result.message });
    else if (result.cancelled)
      patch({ phase: 'cancelled', summary: 'Import cancelled: nothing was kept.' });
    else {
      const { capture, skipped, problems } = result;
      const lines = skipped === 1 ? '1 line' : `${formatCount(skipped)} lines`;
      const summary =
        `Imported ${formatCount(capture.messages)} messages into capture '${capture.name}'` +
        (skipped > 0 ? `; ${lines} skipped:` : '.');
      patch({ phase: 'done', summary, problems, capture });
    }
  } catch (error) {
    patch({ phase: 'failed', summary: `The import failed: ${errorText(error)}` });
  }
  return importJob() ?? job;
}

let launching = false;

/**
 * Imports the files the app was launched with (manifest file_handlers), each into a capture
 * named after it, in the Import & export tab; then shows the last capture imported.
 */
export async function importLaunchedFiles(explorer: Explorer): Promise<void> {
  if (launching) return;
  launching = true;
  try {
    for (let files = takeLaunchedFiles(); files.length > 0; files = takeLaunchedFiles()) {
      explorer.setTab('transfer');
      let shown: string | undefined;
      for (const handle of files) {
        let file: File;
        try {
          file = await handle.getFile();
        } catch (error) {
          const summary = `${handle.name} could not be read: ${errorText(error)}`;
          setImportJob({ ...newJob(), phase: 'failed', summary });
          continue;
        }
        const job = await runImport(explorer, file, captureNameOf(file.name), file.name);
        if (job.phase === 'done' && job.capture) shown = job.capture.id;
      }
      if (shown !== undefined) {
        explorer.setSource(shown);
        explorer.setTab('explore');
      }
    }
  } finally {
    launching = false;
  }
}
