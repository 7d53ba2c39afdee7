// The Explore results as a virtualized list (fixed row height, only the rows near the viewport in
// the DOM, as the live MessageList does), asking for more pages as the end comes into view.
import { Index, Match, Switch, createEffect, createMemo, untrack } from 'solid-js';
import type { ConnectionLogEntry, MessageSummary } from '../../../shared/protocol';
import { MessageRow, ROW_HEIGHT_PX } from '../../messages/MessageRow';
import { createVirtualRows } from '../../ui/virtual-rows';
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
  const rows = () => props.results.rows();
  const view = createVirtualRows({
    count: () => rows().length,
    rowHeightPx: ROW_HEIGHT_PX,
    overscanRows: OVERSCAN_ROWS,
  });
  const visible = createMemo(() => rows().slice(view.range().first, view.range().last));

  // Re-runs when a load ends (loading() turns false): keeps reading while the list is short.
  createEffect(() => {
    const nearEnd = view.range().last + LOAD_AHEAD_ROWS >= rows().length;
    if (nearEnd && !props.results.loading()) untrack(() => void props.results.load());
  });

  // A new search starts at the top.
  createEffect(() => {
    if (props.results.messages().length === 0) view.scrollToTop();
  });

  function move(step: number): void {
    const list = rows();
    let index = list.findIndex((row) => messageOf(row)?.id === props.selectedId);
    do index += step;
    while (index >= 0 && index < list.length && list[index]!.kind !== 'message');
    const target = list[index] && messageOf(list[index]!);
    if (!target) return;
    props.onSelect(target.id);
    view.scrollToIndex(index);
  }

  return (
    <div
      ref={view.ref}
      class="msg-viewport explore-viewport"
      role="group"
      tabindex="0"
      aria-label="Matching messages, newest first; arrow keys select, Enter opens"
      onScroll={view.onScroll}
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
      <div class="msg-spacer" style={{ height: `${view.spacerHeight()}px` }}>
        <Index each={visible()}>
          {(row, i) => (
            <Switch>
              <Match when={messageOf(row())}>
                {(message) => (
                  <MessageRow
                    withDate
                    message={message()}
                    top={view.top(view.range().first + i)}
                    selected={props.selectedId === message().id}
                    onSelect={() => props.onOpen(message().id)}
                  />
                )}
              </Match>
              <Match when={eventOf(row())}>
                {(entry) => (
                  <ExploreEventRow entry={entry()} top={view.top(view.range().first + i)} />
                )}
              </Match>
            </Switch>
          )}
        </Index>
      </div>
    </div>
  );
}
