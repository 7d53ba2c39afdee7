// A connection event among the Explore list's messages (those are MessageRow's, with the date),
// set apart so disconnected periods stand out.
import type { ConnectionLogEntry } from '../../../shared/protocol';
import { DateAndTime } from '../../messages/MessageRow';
import { eventText } from './timeline-rows';

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
      <time class="msg-time" dateTime={new Date(props.entry.time).toISOString()}>
        <DateAndTime ms={props.entry.time} />
      </time>
    </div>
  );
}
