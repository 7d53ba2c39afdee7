// The selected result in full: getMessage from the explored source, shown with the same payload
// panel (decoders, diff, rules; a chunk of its own) and properties list as the live detail.
import { Match, Show, Switch, createResource } from 'solid-js';
import type { StoredMessage } from '../../../shared/protocol';
import { PropertiesList } from '../../messages/PropertiesList';
import { chunkView } from '../../ui/chunk-view';
import { deckBridge } from '../../worker-bridge';
import { MessageMeta } from '../../messages/MessageMeta';

const PayloadPanel = chunkView<{ message: StoredMessage; source: string | undefined }>(
  () => import('../../messages/PayloadPanel'),
  'The payload view',
  () => <p class="empty-note">Loading…</p>,
);

export function ExploreDetail(props: {
  id: number | undefined;
  source: string | undefined;
  onBack: () => void;
}) {
  const [message] = createResource(
    () => (props.id === undefined ? undefined : { id: props.id, source: props.source }),
    ({ id, source }) => deckBridge().getMessage(id, source),
  );

  return (
    <section class="card detail explore-detail" aria-label="Stored message">
      <header class="card-head">
        <button type="button" class="btn small explore-back" onClick={() => props.onBack()}>
          ← Back to results
        </button>
        <h3 class="card-title">Message</h3>
      </header>
      <Switch>
        <Match when={props.id === undefined}>
          <p class="empty-note">Select a result to see its whole payload and properties.</p>
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
              <Show when={m()} keyed>
                {(shown) => <PayloadPanel message={shown} source={props.source} />}
              </Show>
              <PropertiesList properties={m().properties} />
            </div>
          )}
        </Match>
      </Switch>
    </section>
  );
}
