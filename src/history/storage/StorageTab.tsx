// The History view's Storage tab: the device's storage and retention (StoragePanel), the
// captures, and usage per top-level topic of what is shown.
import { StoragePanel } from './StoragePanel';
import { useExplorer } from '../explorer';
import { CaptureList } from './CaptureList';
import { createSourceName } from './source-name';
import { TopLevelUsageTable } from './TopLevelUsageTable';
import '../transfer/transfer.css';

export function StorageTab() {
  const sourceName = createSourceName(useExplorer());
  return (
    <div class="storage-tab">
      <StoragePanel />
      <CaptureList />
      <TopLevelUsageTable sourceName={sourceName()} />
    </div>
  );
}
