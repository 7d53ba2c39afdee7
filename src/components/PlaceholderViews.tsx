// The History panel of this first slice, and the Dashboards view loaded when first shown.
import { chunkView } from '../lib/chunk-view';
import { formatCount } from '../lib/payload-format';
import { useHistory } from '../stores/history';

/** Beside the message list: the stored count; "Load older" under the list pages further back. */
export function HistoryPanel() {
  const history = useHistory();
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title" class="card-title">
        History
      </h2>
      <p class="big-count">
        {formatCount(history.stored())} <span class="muted">messages stored in this browser</span>
      </p>
      <p class="muted small view-note">
        The list shows the newest stored messages; Load older, under it, pages further back.
        Searching history by topic, time and payload is coming here.
      </p>
    </section>
  );
}

/** The Dashboards view, in a chunk of its own so the first load does not carry it. */
export const DashboardsView = chunkView(
  () => import('../dashboards/DashboardsView'),
  'The Dashboards view',
);
