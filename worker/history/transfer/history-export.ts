// Export of a history selection to NDJSON or CSV, oldest first, streamed segment by segment to a
// file or a Blob: memory holds one segment and one ~1 MiB part, whatever the message count.
import { CSV_HEADER, csvRow } from './export-csv';
import { blobSink, fileSink, postProgress } from './export-sink';
import type { ExportSink } from './export-sink';
import type { HistorySources } from '../history-sources';
import { headerLine } from './ndjson-format';
import { segmentNdjson } from './ndjson-segment';
import type {
  ExportRequest,
  ExportResult,
  HistoryQuery,
  TransferProgress,
} from '../../../shared/protocol';
import { messageAt } from '../../db/segment/segment-read';
import type { SegmentView } from '../../db/segment/segment-open';
import type { Transfers } from './transfers';

export interface ExportDeps {
  sources: HistorySources;
  transfers: Transfers;
}

/** Progress posts at most this often (a Comlink call each). */
export const PROGRESS_INTERVAL_MS = 250;

/** Whether the query selects everything, so the running totals give the count for free. */
const selectsAll = (q: HistoryQuery) =>
  !q.topicFilter &&
  !q.text &&
  q.from === undefined &&
  q.to === undefined &&
  q.direction === undefined &&
  (q.qos === undefined || q.qos.length === 0) &&
  q.retained === undefined;

/** CSV is for spreadsheets, not the million-message path: one message object per row is fine. */
function csvLines(
  view: SegmentView,
  matches: readonly number[],
  topicName: (id: number) => string,
) {
  return matches.map((i) => csvRow(messageAt(view, i, topicName(view.topicIds[i]!)))).join('');
}

const failure = (error: unknown): ExportResult => ({
  ok: false,
  code: 'storage',
  message: `The export stopped: ${error instanceof Error ? error.message : String(error)}`,
});

export async function exportHistory(
  deps: ExportDeps,
  request: ExportRequest,
  progress: (progress: TransferProgress) => void,
): Promise<ExportResult> {
  const signal = deps.transfers.start(request.jobId);
  try {
    const store = await deps.sources.store(request.query.source);
    if (!store) {
      return { ok: false, code: 'invalid-option', message: 'This capture no longer exists.' };
    }
    const totalMessages = selectsAll(request.query) ? (await store.totals()).messages : undefined;
    const csv = request.format === 'csv';
    let sink: ExportSink;
    try {
      sink = request.file
        ? await fileSink(request.file)
        : blobSink(csv ? 'text/csv' : 'application/x-ndjson');
    } catch (error) {
      return {
        ok: false,
        code: 'storage',
        message: `The file cannot be written: ${String(error)}`,
      };
    }
    let messages = 0;
    let lastPost = 0;
    const post = (force: boolean) => {
      const now = performance.now();
      if (!force && now - lastPost < PROGRESS_INTERVAL_MS) return;
      lastPost = now;
      const p: TransferProgress = { messages, bytes: sink.bytes() };
      if (totalMessages !== undefined) p.totalMessages = totalMessages;
      postProgress(progress, p);
    };
    try {
      await sink.write(csv ? CSV_HEADER : headerLine());
      await store.scan(
        request.query,
        'oldest-first',
        async ({ view, matches, topicName }) => {
          await sink.write(
            csv ? csvLines(view, matches, topicName) : segmentNdjson(view, matches, topicName),
          );
          messages += matches.length;
          post(false);
        },
        signal,
      );
      const blob = await sink.close();
      post(true);
      return blob
        ? { ok: true, messages, bytes: blob.size, blob }
        : { ok: true, messages, bytes: sink.bytes() };
    } catch (error) {
      await sink.abort();
      if (signal.aborted) return { ok: true, messages, bytes: 0, cancelled: true };
      return failure(error);
    }
  } finally {
    deps.transfers.done(request.jobId);
  }
}
