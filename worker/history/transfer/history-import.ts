// Import of an NDJSON export into a new capture: read as a stream, each line checked field by
// field, messages stored in batches (ids 1..n in file order) while the next batch is parsed.
import type { Captures } from '../captures';
import { postProgress } from './export-sink';
import { decodeLine } from './ndjson-decode';
import type { ImportedMessage } from './ndjson-decode';
import { fileLines, MAX_LINE_CHARS } from './import-lines';
import { importReport } from './import-report';
import type {
  ImportRequest,
  ImportResult,
  StoredMessage,
  TransferProgress,
} from '../../../shared/protocol';
import type { Transfers } from './transfers';

export interface ImportDeps {
  captures: Captures;
  transfers: Transfers;
}

/** Messages per append (one transaction), and payload bytes that end a batch early. */
export const IMPORT_BATCH_MESSAGES = 16_000;
const IMPORT_BATCH_BYTES = 16 << 20;
const PROGRESS_INTERVAL_MS = 250;
const MAX_NAME_CHARS = 100;

const nameError = (name: string) =>
  name.length === 0
    ? 'Give the capture a name.'
    : name.length > MAX_NAME_CHARS
      ? `A capture name is at most ${MAX_NAME_CHARS} characters (this one has ${name.length}).`
      : undefined;

export async function importCapture(
  deps: ImportDeps,
  request: ImportRequest,
  progress: (progress: TransferProgress) => void,
): Promise<ImportResult> {
  const name = typeof request.name === 'string' ? request.name.trim() : '';
  const badName = nameError(name);
  if (badName) return { ok: false, code: 'invalid-option', message: badName };
  if (!(request.file instanceof Blob)) {
    return { ok: false, code: 'invalid-option', message: 'Choose a file to import.' };
  }
  const signal = deps.transfers.start(request.jobId);
  let created: Awaited<ReturnType<Captures['create']>>;
  try {
    created = await deps.captures.create(name, request.fileName);
  } catch (error) {
    deps.transfers.done(request.jobId);
    return {
      ok: false,
      code: 'storage',
      message: `The capture cannot be created: ${String(error)}`,
    };
  }
  const { info, store } = created;
  const report = importReport();
  const totalBytes = request.file.size;
  let batch: StoredMessage[] = [];
  let batchBytes = 0;
  let appending: Promise<unknown> = Promise.resolve();
  let bytesRead = 0;
  let lastPost = 0;
  const post = (force: boolean) => {
    const now = performance.now();
    if (!force && now - lastPost < PROGRESS_INTERVAL_MS) return;
    lastPost = now;
    postProgress(progress, { messages: report.stored(), bytes: bytesRead, totalBytes });
  };
  // One append in flight while the next batch is parsed; its failure surfaces at the next await.
  const flush = async () => {
    await appending;
    const full = batch;
    batch = [];
    batchBytes = 0;
    if (full.length === 0) return;
    appending = store.appendBatch(full, { durability: 'relaxed' });
    // Handled here so a failure is not reported as unhandled before the next await sees it.
    appending.catch(() => undefined);
  };
  const add = (message: ImportedMessage) => {
    const id = report.add(message);
    batch.push({ ...message, id });
    batchBytes += message.size;
  };
  try {
    for await (const line of fileLines(request.file.stream())) {
      signal.throwIfAborted();
      bytesRead = line.bytesRead;
      if ('tooLong' in line) {
        report.bad(line.number, `is longer than ${MAX_LINE_CHARS / (1 << 20)} MiB; skipped`);
      } else if (line.text.trim() !== '') {
        const result = decodeLine(line.text, line.number === 1);
        if (result.kind === 'message') add(result.message);
        else if (result.kind === 'header') report.header(result.version);
        else report.bad(line.number, result.problem);
      }
      const refused = report.refusal(line.number);
      if (refused) throw new ImportRefused(refused);
      if (batch.length >= IMPORT_BATCH_MESSAGES || batchBytes >= IMPORT_BATCH_BYTES) await flush();
      post(false);
    }
    const refused = report.refusal(Infinity);
    if (refused) throw new ImportRefused(refused);
    await flush();
    await appending;
    signal.throwIfAborted();
    const capture = (await deps.captures.finish(info.id, report.totals())) ?? info;
    post(true);
    return { ok: true, capture, skipped: report.skipped(), problems: report.problems() };
  } catch (error) {
    await appending.catch(() => undefined);
    // Nothing half-imported is kept; if even the delete fails, the entry stays listed as importing.
    await deps.captures.remove(info.id).catch(() => undefined);
    if (signal.aborted) {
      return { ok: true, capture: info, skipped: report.skipped(), problems: [], cancelled: true };
    }
    if (error instanceof ImportRefused) {
      return { ok: false, code: 'invalid-payload', message: error.message };
    }
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, code: 'storage', message: `The import stopped: ${why}` };
  } finally {
    deps.transfers.done(request.jobId);
  }
}

class ImportRefused extends Error {}
