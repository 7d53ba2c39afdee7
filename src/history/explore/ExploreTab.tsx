// The Explore tab: the filter form, the matching messages (counted, paged, virtualized, with the
// connection events among them and a timeline bar above) and the selected message in full.
import { Show, createEffect, createSignal, on } from 'solid-js';
import { formatCount } from '../../ui/payload-format';
import { useExplorer } from '../explorer';
import './explore.css';
import { ExploreDetail } from './ExploreDetail';
import { countText, createExploreCount } from './explore-count';
import { PAGE_LIMIT, createExploreResults } from './explore-results';
import { activeConditions } from './filter-fields';
import { FilterForm } from './FilterForm';
import { ResultList } from './ResultList';
import { ResultsFoot } from './ResultsFoot';
import { TimelineBar } from './TimelineBar';

const FORM_ID = 'explore-filter';

export function ExploreTab() {
  const explorer = useExplorer();
  const results = createExploreResults(explorer);
  const counter = createExploreCount(explorer);
  const [selectedId, setSelectedId] = createSignal<number>();
  /** Phones: the detail replaces the list until Back. */
  const [opened, setOpened] = createSignal(false);
  const [filtersShown, setFiltersShown] = createSignal(false);
  const active = () => activeConditions(explorer.filter());

  createEffect(
    on([explorer.filter, explorer.source], () => {
      results.reset();
      setSelectedId(undefined);
      setOpened(false);
      void results.load();
      void counter.run(explorer.query(PAGE_LIMIT));
    }),
  );

  return (
    <div class="explore" classList={{ 'detail-open': opened() }}>
      <div class="card explore-filters">
        <button
          type="button"
          class="btn explore-toggle"
          aria-expanded={filtersShown()}
          aria-controls={FORM_ID}
          onClick={() => setFiltersShown((shown) => !shown)}
        >
          {active() > 0 ? `Filters (${formatCount(active())} active)` : 'Filters'}
        </button>
        <div class="explore-form-wrap" classList={{ open: filtersShown() }}>
          <FilterForm id={FORM_ID} />
        </div>
      </div>
      <section class="card explore-results" aria-label="History results">
        <header class="card-head">
          <h3 class="card-title">Results</h3>
          <span class="muted small" role="status">
            {countText(counter.count())}
          </span>
        </header>
        <TimelineBar messages={results.messages()} events={results.events()} />
        <div class="msg-frame">
          <ResultList
            results={results}
            selectedId={selectedId()}
            onSelect={setSelectedId}
            onOpen={(id) => {
              setSelectedId(id);
              setOpened(true);
            }}
          />
          <Show when={results.rows().length === 0 && !results.error()}>
            <p class="empty-note centered">
              {results.loading() || !results.done() ? 'Searching…' : 'No stored message matches.'}
            </p>
          </Show>
        </div>
        <ResultsFoot results={results} />
      </section>
      <ExploreDetail id={selectedId()} source={explorer.source()} onBack={() => setOpened(false)} />
    </div>
  );
}
