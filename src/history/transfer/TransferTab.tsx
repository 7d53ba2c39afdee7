// The History view's Import & export tab: export the explorer's selection, import an NDJSON
// export into a capture. Jobs live in transfer-jobs.ts, so they outlast a switch of tab.
import { useExplorer } from '../explorer';
import { createSourceName } from '../storage/source-name';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';
import { LaunchedFiles } from './LaunchedFiles';
import './transfer.css';

export function TransferTab() {
  const sourceName = createSourceName(useExplorer());
  return (
    <div class="transfer-tab">
      {/* Also here in case files were launched before the view could take them. */}
      <LaunchedFiles />
      <ExportSection sourceName={sourceName()} />
      <ImportSection />
    </div>
  );
}
