// "Clear retained" with a confirmation in words: one topic, or on request every retained topic
// below it too, published at most CLEARS_PER_SECOND with progress and Cancel.
import { Show, createSignal, onCleanup, onMount } from 'solid-js';
import { formatCount } from '../../ui/payload-format';
import { useExplorer } from '../explorer';
import { clearRetained } from './clear-retained';
import type { ClearReport } from './clear-retained';
import { topicLabel } from './topic-format';

function reportText(report: ClearReport): string {
  const parts = [`Cleared ${formatCount(report.cleared.length)} retained message(s).`];
  if (report.cancelled) parts.push('Cancelled before the rest.');
  const first = report.failed[0];
  if (first) {
    parts.push(
      `${formatCount(report.failed.length)} failed, for example ${first.topic}: ${first.message}`,
    );
  }
  return parts.join(' ');
}

export function ClearRetainedDialog(props: {
  topic: string;
  /** Whether a message was stored on `topic` itself; if not, only the topics below can be cleared. */
  own: boolean;
  /** Retained topics below `topic`, offered only when the person ticks the box. */
  below: string[];
  onCleared(topic: string): void;
  onClose(): void;
}) {
  const explorer = useExplorer();
  let dialog!: HTMLDialogElement;
  const [recursive, setRecursive] = createSignal(false);
  const [running, setRunning] = createSignal(false);
  const [progress, setProgress] = createSignal({ done: 0, total: 0 });
  const [result, setResult] = createSignal<string>();
  let abort: AbortController | undefined;

  onMount(() => dialog.showModal());
  onCleanup(() => abort?.abort());

  async function run() {
    const self = props.own ? [props.topic] : [];
    const topics = recursive() ? [...self, ...props.below] : self;
    abort = new AbortController();
    setRunning(true);
    setProgress({ done: 0, total: topics.length });
    const report = await clearRetained(
      topics,
      {
        publish: async (topic) => {
          const outcome = await explorer.clearRetained(topic);
          if (outcome.ok) props.onCleared(topic);
          return outcome;
        },
        progress: (done, total) => setProgress({ done, total }),
      },
      abort.signal,
    );
    setRunning(false);
    setResult(reportText(report));
  }

  return (
    <dialog
      ref={dialog}
      class="topic-dialog"
      aria-labelledby="clear-retained-title"
      onClose={() => props.onClose()}
    >
      <h3 id="clear-retained-title">Clear retained</h3>
      <Show
        when={props.own}
        fallback={
          <p>
            Nothing was stored on <code>{topicLabel(props.topic)}</code> itself. Tick the box to
            publish an empty retained message to each retained topic below it.
          </p>
        }
      >
        <p>
          Publish an empty retained message to <code>{topicLabel(props.topic)}</code>? The broker
          then drops its retained message.
        </p>
      </Show>
      <Show when={props.below.length > 0}>
        <label class="check">
          <input
            type="checkbox"
            checked={recursive()}
            disabled={running() || result() !== undefined}
            onChange={(e) => setRecursive(e.currentTarget.checked)}
          />
          and every retained topic below it ({formatCount(props.below.length)})
        </label>
      </Show>
      <Show when={running() || result()}>
        <p role="status">
          <Show when={result()} fallback={`Clearing ${progress().done} of ${progress().total}…`}>
            {result()}
          </Show>
        </p>
        <progress max={progress().total} value={progress().done} aria-label="Clearing progress" />
      </Show>
      <div class="topic-dialog-actions">
        <Show
          when={result() === undefined}
          fallback={
            <button type="button" class="btn" onClick={() => dialog.close()}>
              Close
            </button>
          }
        >
          <button
            type="button"
            class="btn primary"
            disabled={running() || (!props.own && !recursive())}
            onClick={() => void run()}
          >
            Clear retained
          </button>
          <button
            type="button"
            class="btn"
            onClick={() => (running() ? abort?.abort() : dialog.close())}
          >
            Cancel
          </button>
        </Show>
      </div>
    </dialog>
  );
}
