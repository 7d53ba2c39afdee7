// The views that live in chunks of their own, loaded when first shown: Dashboards and History.
import { chunkView } from '../ui/chunk-view';

/** The Dashboards view, in a chunk of its own so the first load does not carry it. */
export const DashboardsView = chunkView(
  () => import('../dashboards/DashboardsView'),
  'The Dashboards view',
);

/** The History view: explorer, topic tree, charts, import and export, storage. */
export const HistoryView = chunkView(() => import('../history/HistoryView'), 'The History view');
