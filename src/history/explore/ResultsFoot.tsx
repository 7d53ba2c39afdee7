// Under the Explore results: what keeps the list from going on (an error in words, the memory
// limit, a long search paused) and the connection log's own trouble.
import { Show } from 'solid-js';
import type { ExploreResults } from './explore-results';

export function ResultsFoot(props: { results: ExploreResults }) {
  const r = () => props.results;
  return (
    <footer class="card-foot explore-foot">
      <Show when={r().error()}>
        <p class="form-error" role="alert">
          {r().error()}
        </p>
      </Show>
      <Show when={r().loading() && r().rows().length > 0}>
        <span class="muted small">Reading older matches…</span>
      </Show>
      <Show when={r().stalled()}>
        <span class="muted small">No match in a long stretch of history.</span>
        <button type="button" class="btn small" onClick={() => r().searchFurther()}>
          Search further
        </button>
      </Show>
      <Show when={r().atLimit()}>
        <span class="muted small">{r().limitNote()} Narrow the filter to see older ones.</span>
      </Show>
      <Show when={r().done() && r().messages().length > 0}>
        <span class="muted small">End of history.</span>
      </Show>
      <Show when={r().eventsError()}>
        <p class="form-error">{r().eventsError()}</p>
      </Show>
    </footer>
  );
}
