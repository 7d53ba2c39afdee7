// The topic tree on screen: a virtualized ARIA tree (fixed row height, only the rows in view in
// the DOM), one focus stop with aria-activedescendant, arrow keys to move, expand and collapse.
import { Index, createMemo } from 'solid-js';
import type { Accessor } from 'solid-js';
import { createVirtualRows } from '../../ui/virtual-rows';
import { ratePerMinute } from './topic-rate';
import { TOPIC_ROW_HEIGHT_PX, TopicRow } from './TopicRow';
import type { TreeRow } from './topic-tree-rows';
import type { RateWindows } from './topic-rate';

/** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
const OVERSCAN_ROWS = 6;

export interface TopicTreeProps {
  rows: Accessor<TreeRow[]>;
  /** The row the keyboard is on, and the chosen one (by topic: rows move as the tree grows). */
  active: Accessor<string | undefined>;
  selected: Accessor<string | undefined>;
  now: Accessor<number>;
  rates: Accessor<RateWindows | undefined>;
  setActive(topic: string): void;
  select(row: TreeRow): void;
  toggle(row: TreeRow, open: boolean): void;
}

export function TopicTree(props: TopicTreeProps) {
  const view = createVirtualRows({
    count: () => props.rows().length,
    rowHeightPx: TOPIC_ROW_HEIGHT_PX,
    overscanRows: OVERSCAN_ROWS,
  });
  const activeIndex = createMemo(() => {
    const topic = props.active();
    return topic === undefined ? -1 : props.rows().findIndex((r) => r.node.topic === topic);
  });
  const visible = createMemo(() => props.rows().slice(view.range().first, view.range().last));
  const rowId = (index: number) => `topic-row-${index}`;

  function moveTo(index: number) {
    const row = props.rows()[index];
    if (!row) return;
    props.setActive(row.node.topic);
    view.scrollToIndex(index);
  }

  function onKeyDown(event: KeyboardEvent) {
    const rows = props.rows();
    const index = Math.max(0, activeIndex());
    const row = rows[index];
    if (!row) return;
    const pageRows = Math.max(1, Math.floor(view.height() / TOPIC_ROW_HEIGHT_PX) - 1);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(activeIndex() < 0 ? 0 : index + 1);
        break;
      case 'ArrowUp':
        moveTo(index - 1);
        break;
      case 'PageDown':
        moveTo(Math.min(rows.length - 1, index + pageRows));
        break;
      case 'PageUp':
        moveTo(Math.max(0, index - pageRows));
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.expandable && !row.expanded) props.toggle(row, true);
        else if (row.expanded) moveTo(index + 1);
        break;
      case 'ArrowLeft':
        if (row.expanded) props.toggle(row, false);
        else if (row.node.parent && row.node.parent.depth >= 0) {
          const parent = row.node.parent.topic;
          moveTo(rows.findIndex((r) => r.node.topic === parent));
        }
        break;
      case 'Enter':
      case ' ':
        props.setActive(row.node.topic);
        props.select(row);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  return (
    <div
      ref={view.ref}
      class="topic-tree"
      role="tree"
      aria-label="Topics"
      tabindex="0"
      aria-activedescendant={activeIndex() >= 0 ? rowId(activeIndex()) : undefined}
      onScroll={view.onScroll}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (activeIndex() < 0 && props.rows().length > 0) moveTo(0);
      }}
    >
      <div class="topic-spacer" role="none" style={{ height: `${view.spacerHeight()}px` }}>
        <Index each={visible()}>
          {(row, i) => (
            <TopicRow
              row={row()}
              id={rowId(view.range().first + i)}
              top={view.top(view.range().first + i)}
              active={activeIndex() === view.range().first + i}
              selected={props.selected() === row().node.topic}
              now={props.now()}
              rate={ratePerMinute(props.rates(), row().node.topic, props.now())}
              onClick={() => {
                props.setActive(row().node.topic);
                props.select(row());
              }}
              onToggle={() => props.toggle(row(), !row().expanded)}
            />
          )}
        </Index>
      </div>
    </div>
  );
}
