// A request in the Outbox (published with a response topic): waiting for its answer, then the
// answer beside it, its payload as a one-line preview and how long it took.
import { Show, createResource } from 'solid-js';
import type { OutboxEntry, StoredMessage } from '../../shared/protocol';
import { formatPreview, previewLine } from '../ui/payload-format';
import { useOutbox } from '../publish/outbox';
import { correlationText } from './MessageProperties';

/** Characters of the response shown beside its request; the message detail has the rest. */
const RESPONSE_PREVIEW_CHARS = 120;
/** Correlation data shown beside the request: enough to tell requests apart. */
const CORRELATION_SHOWN_BYTES = 32;

function elapsed(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function RequestResponse(props: { entry: OutboxEntry }) {
  const outbox = useOutbox();
  const [message] = createResource(
    () => props.entry.response?.messageId,
    (id): Promise<StoredMessage | undefined> => outbox.fetchMessage(id),
  );
  const preview = (m: StoredMessage) =>
    previewLine(formatPreview(m.payload, m.size, RESPONSE_PREVIEW_CHARS)) || '(empty payload)';

  return (
    <span class="request">
      <Show when={props.entry.correlationData}>
        {(data) => (
          <span class="request-meta mono">
            correlation{' '}
            {correlationText(
              data().subarray(0, CORRELATION_SHOWN_BYTES),
              data().length > CORRELATION_SHOWN_BYTES,
            )}
            {data().length > CORRELATION_SHOWN_BYTES ? ' …' : ''}
          </span>
        )}
      </Show>
      <Show
        when={props.entry.response}
        fallback={
          <span class="request-wait">
            Waiting for a response on <span class="mono">{props.entry.responseTopic}</span>
          </span>
        }
      >
        {(response) => (
          <span class="request-response">
            <span class="chip ok">
              Response after {elapsed(response().at - props.entry.createdAt)}
            </span>
            <Show
              when={message()}
              fallback={<span class="muted">{message.error ? 'no longer in history' : '…'}</span>}
            >
              {(m) => <span class="mono response-preview">{preview(m())}</span>}
            </Show>
          </span>
        )}
      </Show>
    </span>
  );
}
