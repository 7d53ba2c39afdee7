// One row of the Explore list: a stored message (date and time, topic, QoS, retained, published,
// size, payload preview) or a connection event, set apart so disconnected periods stand out.
import { Show, createMemo } from 'solid-js';
import type { ConnectionLogEntry, MessageSummary } from '../../../worker/protocol';
import { formatBytes, formatPreview } from '../../lib/payload-format';
import { formatDateTime } from '../../lib/time-format';
import { eventText } from './timeline-rows';

function Time(props: { ms: number }) {
  /** [date, hh:mm:ss.mmm]: phones hide the date to leave room for the topic. */
  const parts = () => formatDateTime(props.ms).split(' ');
  return (
    <time class="msg-time" dateTime={new Date(props.ms).toISOString()}>
      <span class="explore-date">{parts()[0]} </span>
      {parts()[1]}
    </time>
  );
}

export function ExploreMessageRow(props: {
  message: MessageSummary;
  top: number;
  selected: boolean;
  onSelect: () => void;
}) {
  const preview = createMemo(() => formatPreview(props.message.preview, props.message.size));
  return (
    <div
      role="article"
      class="msg-row"
      classList={{ selected: props.selected }}
      style={{ transform: `translateY(${props.top}px)` }}
      aria-current={props.selected ? 'true' : undefined}
      data-id={props.message.id}
      onClick={() => props.onSelect()}
    >
      <div class="msg-line">
        <span class="msg-topic">{props.message.topic}</span>
        <Time ms={props.message.time} />
      </div>
      <div class="msg-line">
        <span class="msg-preview" data-kind={preview().kind}>
          {preview().kind === 'empty' ? '(empty payload)' : preview().text}
        </span>
        <Show when={preview().cut}>
          <span class="msg-cut">{preview().marker}</span>
        </Show>
        <span class="msg-badges">
          <Show when={props.message.published}>
            <span class="badge published">Published</span>
          </Show>
          <span class="badge" title="Quality of service">
            QoS {props.message.qos}
          </span>
          <Show when={props.message.retain}>
            <span class="badge retain" title="Retained message">
              retained
            </span>
          </Show>
          <span class="badge size">{formatBytes(props.message.size)}</span>
        </span>
      </div>
    </div>
  );
}

export function ExploreEventRow(props: { entry: ConnectionLogEntry; top: number }) {
  return (
    <div
      role="note"
      class="explore-event"
      data-kind={props.entry.kind}
      style={{ transform: `translateY(${props.top}px)` }}
    >
      <span class="explore-event-mark" aria-hidden="true">
        {props.entry.kind === 'connected' ? '●' : '○'}
      </span>
      <span class="explore-event-text" title={eventText(props.entry)}>
        {eventText(props.entry)}
      </span>
      <Time ms={props.entry.time} />
    </div>
  );
}
