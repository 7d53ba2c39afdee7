// A message in full, as the live detail and the History explorer show it: read by id, then its
// metadata, the payload panel (decoders, diff, rules: a chunk of its own) and its properties.
import { Match, Show, Switch, createResource } from 'solid-js';
import type { StoredMessage } from '../../shared/protocol';
import { chunkView } from '../ui/chunk-view';
import { MessageMeta } from './MessageMeta';
import { PropertiesList } from './PropertiesList';

/**
 * The payload panel, a chunk of its own fetched with the first message shown: the decoders, tree,
 * diff and rules stay out of the first load.
 */
const PayloadPanel = chunkView<{ message: StoredMessage; source: string | undefined }>(
  () => import('./PayloadPanel'),
  'The payload view',
  () => <p class="empty-note">Loading…</p>,
);

export function MessageDetailBody(props: {
  /** The message to show; undefined while none is chosen. */
  id: number | undefined;
  /** The capture it is read from; undefined for live history. */
  source?: string | undefined;
  read(id: number, source: string | undefined): Promise<StoredMessage | undefined>;
  /** What shows while no message is chosen. */
  empty: string;
}) {
  const [message] = createResource(
    () => (props.id === undefined ? undefined : { id: props.id, source: props.source }),
    ({ id, source }) => props.read(id, source),
  );

  return (
    <Switch>
      <Match when={props.id === undefined}>
        <p class="empty-note">{props.empty}</p>
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
            {/* Keyed on the message: a new one starts over with its own rule or best decoder. */}
            <Show when={m()} keyed>
              {(shown) => <PayloadPanel message={shown} source={props.source} />}
            </Show>
            <PropertiesList properties={m().properties} />
          </div>
        )}
      </Match>
    </Switch>
  );
}
