// Import of an NDJSON export into a new capture. OWNED BY THE IMPORT/EXPORT HELPER.
import type { Captures } from './captures';
import type { ImportRequest, ImportResult, TransferProgress } from './protocol';
import type { Transfers } from './transfers';

export interface ImportDeps {
  captures: Captures;
  transfers: Transfers;
}

export function importCapture(
  _deps: ImportDeps,
  _request: ImportRequest,
  _progress: (progress: TransferProgress) => void,
): Promise<ImportResult> {
  throw new Error('importCapture: not written yet');
}
