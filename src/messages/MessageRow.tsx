// One message in a list (the live list, the History explorer's results): time, topic, QoS,
// retain, published, size and a one-line payload preview.
import { Show, createMemo } from 'solid-js';
import type { MessageSummary } from '../../shared/protocol';
import { connectionColour } from '../connection/connection-colour';
import { formatBytes, formatPreview } from '../ui/payload-format';
import { formatClock, formatDateTime } from '../ui/time-format';

/** Must match `.msg-row` height in styles.css: the list positions rows by this number. */
export const ROW_HEIGHT_PX = 60;

/** Date and time of a stored message or event; phones hide the date (`.msg-date`). */
export function DateAndTime(props: { ms: number }) {
  const parts = () => formatDateTime(props.ms).split(' ');
  return (
    <>
      <span class="msg-date">{parts()[0]} </span>
      {parts()[1]}
    </>
  );
}

/** A connection's colour, named (client ID @ URL) for assistive technology and on hover. */
export function ConnectionMark(props: { id: string }) {
  return (
    <span
      class="conn-mark"
      role="img"
      aria-label={props.id}
      title={props.id}
      style={{ '--conn': connectionColour(props.id) }}
    />
  );
}

export function MessageRow(props: {
  message: MessageSummary;
  top: number;
  selected: boolean;
  onSelect: () => void;
  /** Show the date too (history spans days; the live list is today's). */
  withDate?: boolean;
  /** Mark the row with its connection's colour and name (several connections exist). */
  withConnection?: boolean;
}) {
  /** [hh:mm:ss, mmm]: phones hide the milliseconds to leave room for the topic. */
  const clock = () => formatClock(props.message.time).split('.');
  const preview = createMemo(() => formatPreview(props.message.preview, props.message.size));

  return (
    <div
      role="article"
      class="msg-row"
      classList={{ selected: props.selected }}
      style={{ transform: `translateY(${props.top}px)` }}
      tabindex="-1"
      aria-current={props.selected ? 'true' : undefined}
      data-id={props.message.id}
      onClick={() => props.onSelect()}
    >
      <Show when={props.withConnection}>
        <ConnectionMark id={props.message.connectionId} />
      </Show>
      <div class="msg-line">
        <span class="msg-topic">{props.message.topic}</span>
        <time class="msg-time" dateTime={new Date(props.message.time).toISOString()}>
          <Show
            when={props.withDate}
            fallback={
              <>
                {clock()[0]}
                <span class="msg-ms">.{clock()[1]}</span>
              </>
            }
          >
            <DateAndTime ms={props.message.time} />
          </Show>
        </time>
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
