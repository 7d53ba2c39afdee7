// The selected message in full: its metadata, the payload panel (decoders, diff, rules: a chunk
// of its own, fetched with the first message shown) and its properties.
import { Match, Show, Switch, createEffect, createResource, on } from 'solid-js';
import type { StoredMessage } from '../../shared/protocol';
import { chunkView } from '../ui/chunk-view';
import { useMessages } from './messages';
import { PropertiesList } from './PropertiesList';
import { MessageMeta } from './MessageMeta';

/** Below this width the detail sits under the list, so selecting a row scrolls down to it. */
const STACKED_QUERY = '(max-width: 699px)';

/**
 * The payload panel, a chunk of its own fetched with the first message shown: the decoders, tree,
 * diff and rules stay out of the first load.
 */
const PayloadPanel = chunkView<{ message: StoredMessage }>(
  () => import('./PayloadPanel'),
  'The payload view',
  () => <p class="empty-note">Loading…</p>,
);

/** Keyed on the message: a new message starts over with its own rule or best decoder. */
function PayloadSlot(props: { message: StoredMessage }) {
  return (
    <Show when={props.message} keyed>
      {(message) => <PayloadPanel message={message} />}
    </Show>
  );
}

export function MessageDetail() {
  const messages = useMessages();
  let panel!: HTMLElement;
  const [message] = createResource(messages.selectedId, (id) => messages.fetchMessage(id));

  createEffect(
    on(messages.selectedId, (id) => {
      if (id !== undefined && window.matchMedia(STACKED_QUERY).matches) {
        panel.scrollIntoView({ block: 'start', behavior: 'smooth' });
      }
    }),
  );

  return (
    <section
      ref={panel}
      class="card detail"
      classList={{ idle: messages.selectedId() === undefined }}
      aria-label="Message detail"
    >
      <header class="card-head">
        <h2 class="card-title">Message</h2>
        <Show when={messages.selectedId() !== undefined}>
          <button
            type="button"
            class="btn small ghost"
            aria-label="Close message detail"
            onClick={() => messages.select(undefined)}
          >
            ✕
          </button>
        </Show>
      </header>
      <Switch>
        <Match when={messages.selectedId() === undefined}>
          <p class="empty-note">Select a message to see its whole payload and properties.</p>
        </Match>
        <Match when={message.error as unknown}>
          <p class="form-error" role="alert">
            The message could not be read: {String((message.error as Error | undefined)?.message)}
          </p>
        </Match>
        <Match when={message.loading}>
          <p class="empty-note">Loading…</p>
        </Match>
        <Match when={message() === undefined}>
          <p class="empty-note">This message is no longer in history.</p>
        </Match>
        <Match when={message()}>
          {(m) => (
            <div class="detail-body">
              <MessageMeta message={m()} />
              <PayloadSlot message={m()} />
              <PropertiesList properties={m().properties} />
            </div>
          )}
        </Match>
      </Switch>
    </section>
  );
}
