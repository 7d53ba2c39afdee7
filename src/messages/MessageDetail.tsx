// The selected message in full (MessageDetailBody), in a card that closes, and that a phone
// scrolls down to when a row is selected.
import { Show, createEffect, on } from 'solid-js';
import { useMessages } from './messages';
import { MessageDetailBody } from './MessageDetailBody';

/** Below this width the detail sits under the list, so selecting a row scrolls down to it. */
const STACKED_QUERY = '(max-width: 699px)';

export function MessageDetail() {
  const messages = useMessages();
  let panel!: HTMLElement;

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
      <MessageDetailBody
        id={messages.selectedId()}
        read={(id) => messages.fetchMessage(id)}
        empty="Select a message to see its whole payload and properties."
      />
    </section>
  );
}
