// One row of the topic tree: level name, subtree count, last value, last time, retained, rate.
import { Show } from 'solid-js';
import { formatCount } from '../../ui/payload-format';
import { levelName, rateText, relativeTime, valuePreview } from './topic-format';
import type { TreeRow } from './topic-tree-rows';

/** Must match `.topic-row` height in history-topics.css: rows are placed by this number. */
export const TOPIC_ROW_HEIGHT_PX = 52;
/** Indent per level, up to a depth past which rows stop moving right (phones keep their room). */
const INDENT_PX = 16;
const MAX_INDENT_LEVELS = 10;

export function TopicRow(props: {
  row: TreeRow;
  id: string;
  top: number;
  active: boolean;
  selected: boolean;
  now: number;
  rate: number;
  onClick: () => void;
  onToggle: () => void;
}) {
  const node = () => props.row.node;
  const indent = () => Math.min(props.row.level - 1, MAX_INDENT_LEVELS) * INDENT_PX;
  return (
    <div
      role="treeitem"
      id={props.id}
      class="topic-row"
      classList={{ active: props.active, selected: props.selected }}
      style={{ transform: `translateY(${props.top}px)`, 'padding-left': `${indent() + 4}px` }}
      aria-level={props.row.level}
      aria-setsize={props.row.setSize}
      aria-posinset={props.row.posInSet}
      aria-expanded={props.row.expandable ? props.row.expanded : undefined}
      aria-selected={props.selected}
      data-topic={node().topic}
      onClick={() => props.onClick()}
    >
      <span
        class="topic-toggle"
        aria-hidden="true"
        onClick={(event) => {
          event.stopPropagation();
          props.onToggle();
        }}
      >
        {props.row.expandable ? (props.row.expanded ? '▾' : '▸') : ''}
      </span>
      <span class="topic-main">
        <span class="topic-name" classList={{ 'topic-empty-level': node().name === '' }}>
          {levelName(node())}
        </span>
        <Show when={node().own?.retain}>
          <span class="topic-retained">retained</span>
        </Show>
        <span class="topic-gap" />
        <Show when={props.rate > 0}>
          <span class="topic-rate">{rateText(props.rate)}</span>
        </Show>
        <span class="topic-time">{relativeTime(node().lastTime, props.now)}</span>
        <span class="topic-count" title="Messages here and below">
          {formatCount(node().count)}
        </span>
      </span>
      <span class="topic-sub">
        <span class="topic-value" classList={{ 'topic-below': node().own === undefined }}>
          {valuePreview(node())}
        </span>
      </span>
    </div>
  );
}
