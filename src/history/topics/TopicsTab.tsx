// The Topics tab: every topic of the shown history as a tree (live history merges arrivals as
// they come), a name search, and the chosen node's details and actions.
import { Show, createEffect, createMemo, createSignal, on } from 'solid-js';
import { formatCount } from '../../ui/payload-format';
import { useExplorer } from '../explorer';
import { TopicDetails } from './TopicDetails';
import { TopicTree } from './TopicTree';
import { SEARCH_MAX_MATCHES, ancestorsOf, flattenTree, searchTree } from './topic-tree-rows';
import type { TreeRow } from './topic-tree-rows';
import { createTopicTreeSource } from './topic-tree-source';
import './topics.css';

export function TopicsTab() {
  const explorer = useExplorer();
  const source = createTopicTreeSource(explorer);
  const [expanded, setExpanded] = createSignal<ReadonlySet<string>>(new Set());
  const [query, setQuery] = createSignal('');
  const [active, setActive] = createSignal<string>();
  const [selected, setSelected] = createSignal<string>();

  createEffect(
    on(explorer.source, (s) => {
      setExpanded(new Set<string>());
      setSelected(undefined);
      setActive(undefined);
      void source.load(s);
    }),
  );

  const keep = createMemo(() => (source.version(), searchTree(source.tree(), query())));
  const rows = createMemo(() => (source.version(), flattenTree(source.tree(), expanded(), keep())));
  const selectedNode = createMemo(() => {
    source.version();
    const topic = selected();
    return topic === undefined ? undefined : source.tree().byTopic.get(topic);
  });

  function toggle(row: TreeRow, open: boolean) {
    // During a search every kept node shows its kept children: there is nothing to toggle.
    if (keep()) return;
    const next = new Set(expanded());
    if (open) next.add(row.node.topic);
    else next.delete(row.node.topic);
    setExpanded(next);
  }

  function select(row: TreeRow) {
    setSelected(row.node.topic);
    // What was found stays in view once the search is emptied.
    if (keep()) setExpanded(new Set([...expanded(), ...ancestorsOf(row.node)]));
  }

  return (
    <div class="topics-tab">
      <div class="topics-bar">
        <label class="topics-search">
          <span>Find topic</span>
          <input
            type="search"
            value={query()}
            placeholder="Level name, or a/b for a path"
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </label>
        <span class="muted small" role="status">
          <Show when={!source.loading()} fallback="Reading topics…">
            {formatCount(source.tree().root.topics)} topics · {formatCount(rows().length)} rows
            shown
            <Show when={keep()?.capped}>
              {` (the first ${formatCount(SEARCH_MAX_MATCHES)} matches: narrow the search)`}
            </Show>
          </Show>
        </span>
      </div>
      <Show when={source.error()}>
        <p class="form-error" role="alert">
          {source.error()}
        </p>
      </Show>
      <div class="topics-body">
        <TopicTree
          rows={rows}
          active={active}
          selected={selected}
          now={source.now}
          rates={() => (source.version(), source.tree().rates)}
          setActive={setActive}
          select={select}
          toggle={toggle}
        />
        <Show
          when={selectedNode()}
          fallback={
            <p class="muted small topic-details">
              <Show
                when={source.tree().root.topics > 0 || source.loading()}
                fallback="No topics stored yet."
              >
                Choose a topic (click, or arrow keys and Enter) to see its messages.
              </Show>
            </p>
          }
        >
          {(node) => (
            <TopicDetails
              node={node()}
              live={source.live()}
              version={source.version()}
              onCleared={(topic) => source.cleared(topic)}
            />
          )}
        </Show>
      </div>
    </div>
  );
}
