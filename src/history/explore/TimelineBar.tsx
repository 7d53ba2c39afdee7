// A slim bar over the loaded results, oldest on the left and newest on the right, with the spans
// when the app was disconnected shaded (from the connection events of the same span).
import { For, Show, createMemo } from 'solid-js';
import type { ConnectionLogEntry, MessageSummary } from '../../../shared/protocol';
import { formatCount } from '../../ui/payload-format';
import { formatDateTime } from '../../ui/time-format';
import { disconnectedSpans } from './timeline-rows';

const percent = (n: number) => `${(n * 100).toFixed(3)}%`;

export function TimelineBar(props: {
  messages: readonly MessageSummary[];
  events: readonly ConnectionLogEntry[];
}) {
  const bar = createMemo(() => {
    const times = [props.messages[0]?.time, props.messages[props.messages.length - 1]?.time];
    times.push(props.events[0]?.time, props.events[props.events.length - 1]?.time);
    const known = times.filter((t): t is number => t !== undefined);
    if (known.length === 0) return undefined;
    const start = Math.min(...known);
    const end = Math.max(...known);
    const width = Math.max(1, end - start);
    const spans = disconnectedSpans(props.events, start, end).map((span) => ({
      left: percent((span.start - start) / width),
      width: percent(Math.max((span.end - span.start) / width, 0.004)),
    }));
    return { start, end, spans };
  });

  return (
    <Show when={bar()}>
      {(b) => (
        <div
          class="explore-timeline"
          role="img"
          aria-label={`Loaded results from ${formatDateTime(b().start)} to ${formatDateTime(b().end)}; ${formatCount(b().spans.length)} disconnected period${b().spans.length === 1 ? '' : 's'} shaded`}
        >
          <div class="explore-track">
            <For each={b().spans}>
              {(span) => (
                <span class="explore-down" style={{ left: span.left, width: span.width }} />
              )}
            </For>
          </div>
          <div class="explore-ends" aria-hidden="true">
            <span>{formatDateTime(b().start)}</span>
            <span>{formatDateTime(b().end)}</span>
          </div>
        </div>
      )}
    </Show>
  );
}
