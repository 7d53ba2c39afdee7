// Why the saved dashboards could not be read, saved or deleted: an alert above the tiles, in the
// Dashboards view and a kiosk alike.
import { Show } from 'solid-js';
import type { DashboardsStore } from './dashboards-store';

export function DashboardProblem(props: { store: DashboardsStore }) {
  return (
    <Show when={props.store.problem()}>
      {(problem) => (
        <p class="banner bad" role="alert">
          {problem()}
        </p>
      )}
    </Show>
  );
}
