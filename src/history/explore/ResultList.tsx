// The Explore results as a virtualized list (fixed row height, only the rows near the viewport in
// the DOM, as the live MessageList does), asking for more pages as the end comes into view.
import {
  Index,
  Match,
  Switch,
  createEffect,
  createMemo,
  createSignal,
  onCleanup,
  onMount,
  untrack,
} from 'solid-js';
import type { ConnectionLogEntry, MessageSummary } from '../../../shared/protocol';
import { MessageRow, ROW_HEIGHT_PX } from '../../messages/MessageRow';
import type { ExploreResults } from './explore-results';
import { ExploreEventRow } from './ExploreRow';
import type { TimelineRow } from './timeline-rows';

/** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
const OVERSCAN_ROWS = 8;
/** More pages are read while the end of the loaded rows is within this many rows of view. */
const LOAD_AHEAD_ROWS = 100;

const messageOf = (row: TimelineRow): MessageSummary | undefined =>
  row.kind === 'message' ? row.message : undefined;
const eventOf = (row: TimelineRow): ConnectionLogEntry | undefined =>
  row.kind === 'event' ? row.entry : undefined;

export function ResultList(props: {
  results: ExploreResults;
  selectedId: number | undefined;
  onSelect: (id: number) => void;
  onOpen: (id: number) => void;
}) {
  let viewport!: HTMLDivElement;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [height, setHeight] = createSignal(0);
  const rows = () => props.results.rows();

  const range = createMemo(() => {
    const first = Math.max(0, Math.floor(scrollTop() / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
    const last = first + Math.ceil(height() / ROW_HEIGHT_PX) + 1 + 2 * OVERSCAN_ROWS;
    return { first, last: Math.min(rows().length, last) };
  });
  const visible = createMemo(() => rows().slice(range().first, range().last));

  // Re-runs when a load ends (loading() turns false): keeps reading while the list is short.
  createEffect(() => {
    const nearEnd = range().last + LOAD_AHEAD_ROWS >= rows().length;
    if (nearEnd && !props.results.loading()) untrack(() => void props.results.load());
  });

  onMount(() => {
    const observer = new ResizeObserver(() => setHeight(viewport.clientHeight));
    observer.observe(viewport);
    setHeight(viewport.clientHeight);
    onCleanup(() => observer.disconnect());
  });
  // A new search starts at the top.
  createEffect(() => {
    if (props.results.messages().length === 0 && viewport) {
      viewport.scrollTop = 0;
      setScrollTop(0);
    }
  });

  function move(step: number): void {
    const list = rows();
    let index = list.findIndex((row) => messageOf(row)?.id === props.selectedId);
    do index += step;
    while (index >= 0 && index < list.length && list[index]!.kind !== 'message');
    const target = list[index] && messageOf(list[index]!);
    if (!target) return;
    props.onSelect(target.id);
    const top = index * ROW_HEIGHT_PX;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + ROW_HEIGHT_PX > viewport.scrollTop + viewport.clientHeight) {
      viewport.scrollTop = top + ROW_HEIGHT_PX - viewport.clientHeight;
    }
  }

  return (
    <div
      ref={viewport}
      class="msg-viewport explore-viewport"
      role="group"
      tabindex="0"
      aria-label="Matching messages, newest first; arrow keys select, Enter opens"
      onScroll={() => setScrollTop(viewport.scrollTop)}
      onKeyDown={(event) => {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          move(event.key === 'ArrowDown' ? 1 : -1);
        } else if (event.key === 'Enter' && props.selectedId !== undefined) {
          event.preventDefault();
          props.onOpen(props.selectedId);
        }
      }}
    >
      <div class="msg-spacer" style={{ height: `${rows().length * ROW_HEIGHT_PX}px` }}>
        <Index each={visible()}>
          {(row, i) => (
            <Switch>
              <Match when={messageOf(row())}>
                {(message) => (
                  <MessageRow
                    withDate
                    message={message()}
                    top={(range().first + i) * ROW_HEIGHT_PX}
                    selected={props.selectedId === message().id}
                    onSelect={() => props.onOpen(message().id)}
                  />
                )}
              </Match>
              <Match when={eventOf(row())}>
                {(entry) => (
                  <ExploreEventRow entry={entry()} top={(range().first + i) * ROW_HEIGHT_PX} />
                )}
              </Match>
            </Switch>
          )}
        </Index>
      </div>
    </div>
  );
}
