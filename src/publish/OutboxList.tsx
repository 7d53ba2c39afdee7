// The Outbox: the user's outgoing messages, newest first, each with its state in words
// (queued, sent, acknowledged, failed and why, the broker's reason), Cancel while it is still
// queued, and for a request its response (the MQTT 5 chunk).
import { For, Show } from 'solid-js';
import type { OutboxEntry } from '../../shared/protocol';
import { useConnection } from '../connection/connection';
import { useOutbox } from './outbox';
import { ConnectionMark } from '../messages/MessageRow';
import { mqtt5View } from '../mqtt5/mqtt5-view';

const RequestResponse = mqtt5View((m) => m.RequestResponse, 'The response');

/** Rows rendered at most; the worker keeps more, the newest are what a person checks. */
const OUTBOX_VISIBLE_ROWS = 100;

const CHIP: Record<OutboxEntry['state'], string> = {
  queued: 'chip',
  sent: 'chip',
  acknowledged: 'chip ok',
  failed: 'chip bad',
};

function OutboxRow(props: { entry: OutboxEntry; onCancel: () => void; several: boolean }) {
  return (
    <li class="outbox-row" data-state={props.entry.state}>
      <Show when={props.several}>
        <ConnectionMark id={props.entry.connectionId} />
      </Show>
      <span class="outbox-topic mono">{props.entry.topic}</span>
      <span class="outbox-meta">
        QoS {props.entry.qos} · {props.entry.size} B
      </span>
      <span class="sub-state">
        <span class={CHIP[props.entry.state]}>{props.entry.state}</span>
        <Show when={props.entry.state === 'failed' && props.entry.error}>
          {(error) => <span class="sub-reason">{error().message}</span>}
        </Show>
        <Show when={props.entry.reason !== props.entry.error?.message && props.entry.reason}>
          {(reason) => <span class="outbox-meta">{reason()}</span>}
        </Show>
      </span>
      <Show when={props.entry.responseTopic}>
        <RequestResponse entry={props.entry} />
      </Show>
      <Show when={props.entry.state === 'queued'}>
        <button
          type="button"
          class="btn small ghost"
          aria-label={`Cancel ${props.entry.topic}`}
          onClick={() => props.onCancel()}
        >
          Cancel
        </button>
      </Show>
    </li>
  );
}

export function OutboxList() {
  const outbox = useOutbox();
  const connection = useConnection();
  const visible = () => outbox.entries.slice(0, OUTBOX_VISIBLE_ROWS);

  return (
    <section class="outbox" role="region" aria-label="Outbox">
      <h3 class="outbox-title">Outbox</h3>
      <Show when={outbox.error()}>
        <p class="form-error" role="alert">
          {outbox.error()}
        </p>
      </Show>
      <Show
        when={outbox.entries.length > 0}
        fallback={<p class="empty-note">Nothing published yet.</p>}
      >
        <ul class="sub-list">
          <For each={visible()}>
            {(entry) => (
              <OutboxRow
                entry={entry}
                several={connection.ids().length > 1}
                onCancel={() => void outbox.cancel(entry.seq)}
              />
            )}
          </For>
        </ul>
        <Show when={outbox.entries.length > OUTBOX_VISIBLE_ROWS}>
          <p class="empty-note">
            The newest {OUTBOX_VISIBLE_ROWS} of {outbox.entries.length} shown.
          </p>
        </Show>
      </Show>
    </section>
  );
}
