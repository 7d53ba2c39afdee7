// The Explore list's rows: matching messages and connection events merged by time, newest first,
// and the spans when the app was disconnected (for the timeline bar). Pure, so unit-testable.
import type { ConnectionLogEntry, MessageSummary } from '../../../shared/protocol';

export type TimelineRow =
  { kind: 'message'; message: MessageSummary } | { kind: 'event'; entry: ConnectionLogEntry };

export interface TimeSpan {
  start: number;
  end: number;
}

/** Both lists newest first; an event goes above the messages no newer than it. */
export function mergeTimeline(
  messages: readonly MessageSummary[],
  events: readonly ConnectionLogEntry[],
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let e = 0;
  for (const message of messages) {
    while (e < events.length && events[e]!.time >= message.time) {
      rows.push({ kind: 'event', entry: events[e++]! });
    }
    rows.push({ kind: 'message', message });
  }
  for (; e < events.length; e++) rows.push({ kind: 'event', entry: events[e]! });
  return rows;
}

/**
 * The disconnected spans within [start, end] from events newest first: from a disconnect (or a
 * refused attempt) to the next connect, or to `end` when none followed. Time before the first
 * event counts as connected: nothing says otherwise.
 */
export function disconnectedSpans(
  events: readonly ConnectionLogEntry[],
  start: number,
  end: number,
): TimeSpan[] {
  const spans: TimeSpan[] = [];
  let downSince: number | undefined;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.kind === 'connected') {
      if (downSince !== undefined) spans.push({ start: downSince, end: event.time });
      downSince = undefined;
    } else {
      downSince ??= event.time;
    }
  }
  if (downSince !== undefined) spans.push({ start: downSince, end });
  return spans
    .map((span) => ({ start: Math.max(start, span.start), end: Math.min(end, span.end) }))
    .filter((span) => span.end >= span.start);
}

/** An event row's words: what happened and why, as the log keeps it. */
export function eventText(entry: ConnectionLogEntry): string {
  const reason = entry.reason ? ` — ${entry.reason}` : '';
  if (entry.kind === 'connected') return `Connected to ${entry.url}`;
  if (entry.kind === 'refused') return `Connection refused by ${entry.url}${reason}`;
  return `Disconnected${reason || ` from ${entry.url}`}`;
}
