// The chosen node: its numbers and newest value, and what to do with it — show its messages in
// Explore, filter the live list to it, clear its retained message (live history, connected).
import { Show, createSignal } from 'solid-js';
import { formatBytes, formatCount, formatPreview } from '../../ui/payload-format';
import { formatDateTime } from '../../ui/time-format';
import { hashOf } from '../../app/route';
import { useConnection } from '../../connection/connection';
import { useMessages } from '../../messages/messages';
import { useExplorer } from '../explorer';
import { ClearRetainedDialog } from './ClearRetainedDialog';
import { topicLabel } from './topic-format';
import { retainedBelow } from './topic-tree';
import type { TopicNode } from './topic-tree';

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

export function TopicDetails(props: {
  node: TopicNode;
  live: boolean;
  /** Read to be told the node changed in place. */
  version: number;
  onCleared(topic: string): void;
}) {
  const explorer = useExplorer();
  const messages = useMessages();
  const connection = useConnection();
  const [includeBelow, setIncludeBelow] = createSignal(true);
  const [clearing, setClearing] = createSignal<string[]>();
  const node = () => (props.version, props.node);
  const own = () => node().own;
  const hasBelow = () => node().children.size > 0;
  // A node with no message of its own stands for its subtree; a leaf only for itself.
  const subtree = () => (own() === undefined ? true : hasBelow() && includeBelow());
  const filterText = () => (subtree() ? `${node().topic}/#` : node().topic);
  const connected = () => connection.status().state === 'connected';

  return (
    <section class="topic-details" aria-label="Chosen topic">
      <h3 class="topic-details-title">
        <code>{topicLabel(node().topic)}</code>
      </h3>
      <p class="muted small">
        {plural(node().count, 'message')} ({formatBytes(node().bytes)}) in{' '}
        {plural(node().topics, 'topic')}, the newest {formatDateTime(node().lastTime)}
      </p>
      <Show when={own()}>
        {(o) => (
          <p class="small">
            Last value:{' '}
            <code class="topic-details-value">
              {formatPreview(o().preview, o().size, 200).text || '(empty)'}
            </code>{' '}
            · QoS {o().qos} · {o().retain ? 'retained' : 'not retained'}
          </p>
        )}
      </Show>
      <Show when={own() && hasBelow()}>
        <label class="check">
          <input
            type="checkbox"
            checked={includeBelow()}
            onChange={(e) => setIncludeBelow(e.currentTarget.checked)}
          />
          Include the topics below
        </label>
      </Show>
      <div class="topic-details-actions">
        <button
          type="button"
          class="btn small"
          onClick={() => explorer.showTopic(node().topic, subtree())}
        >
          Show messages
        </button>
        <button
          type="button"
          class="btn small"
          onClick={() => {
            void messages.setTopicFilter(filterText());
            location.hash = hashOf('messages');
          }}
        >
          Filter live list
        </button>
        <Show when={props.live}>
          <button
            type="button"
            class="btn small"
            // A node without a message of its own can still clear the retained topics below it.
            disabled={!connected() || (own() === undefined && retainedBelow(node()).length === 0)}
            onClick={() => setClearing(retainedBelow(node()))}
          >
            Clear retained…
          </button>
        </Show>
      </div>
      <Show when={props.live && !connected()}>
        <p class="muted small">Connect to clear retained messages.</p>
      </Show>
      <Show when={clearing()}>
        {(below) => (
          <ClearRetainedDialog
            topic={node().topic}
            own={own() !== undefined}
            below={below()}
            onCleared={(topic) => props.onCleared(topic)}
            onClose={() => setClearing(undefined)}
          />
        )}
      </Show>
    </section>
  );
}
