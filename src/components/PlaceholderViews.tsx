// The History panel of this first slice, and the Dashboards view loaded when first shown.
import { Show, createSignal, untrack, type Component } from 'solid-js';
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

/**
 * The Dashboards view, in a chunk of its own so the first load does not carry it (imported by
 * hand: Solid's lazy() would pull its Suspense machinery into the entry chunk).
 */
export function DashboardsView() {
  const [view, setView] = createSignal<Component>();
  const [failed, setFailed] = createSignal<string>();
  import('../dashboards/DashboardsView').then(
    (module) => setView(() => module.default),
    (error: unknown) => setFailed(`The Dashboards view could not load: ${String(error)}`),
  );
  return (
    <Show when={view()} fallback={<p role="alert">{failed()}</p>}>
      {(View) => untrack(() => View()({}))}
    </Show>
  );
}
