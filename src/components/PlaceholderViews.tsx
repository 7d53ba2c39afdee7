// The History and Dashboards views of this first slice: what they hold today and what is coming.
import { formatCount } from '../lib/payload-format';
import { hashOf } from '../lib/route';
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

export function DashboardsView() {
  return (
    <section class="card placeholder-view" aria-labelledby="dashboards-title">
      <h2 id="dashboards-title" class="card-title">
        Dashboards
      </h2>
      <p>
        Dashboards are coming: grids of tiles (values, gauges, charts, status lights, switches)
        bound to topics, and a kiosk mode for a wall screen.
      </p>
      <p class="muted">
        Until then, the <a href={hashOf('messages')}>message list</a> shows everything your
        subscriptions receive.
      </p>
    </section>
  );
}
