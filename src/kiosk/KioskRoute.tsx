// The kiosk route (#/kiosk/<dashboard id>): the kiosk view, in a chunk of its own with the
// dashboard tiles, loaded only when a kiosk URL is opened.
import { chunkView } from '../ui/chunk-view';

export const KioskRoute = chunkView<{ dashboardId: string }>(
  () => import('./KioskView'),
  'The kiosk',
);
