// Export of a history selection to NDJSON or CSV, streamed. OWNED BY THE IMPORT/EXPORT HELPER.
import type { HistorySources } from './history-sources';
import type { ExportRequest, ExportResult, TransferProgress } from './protocol';
import type { Transfers } from './transfers';

export interface ExportDeps {
  sources: HistorySources;
  transfers: Transfers;
}

export function exportHistory(
  _deps: ExportDeps,
  _request: ExportRequest,
  _progress: (progress: TransferProgress) => void,
): Promise<ExportResult> {
  throw new Error('exportHistory: not written yet');
}
