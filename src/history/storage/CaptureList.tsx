// "Captures": every imported file with its size and when it came, Show (review it in the
// explorer) and Delete, which asks first in words (a capture may be the only copy).
import { For, Show, createMemo, createResource, createSignal, onCleanup } from 'solid-js';
import type { CaptureInfo } from '../../../shared/protocol';
import { formatBytes, formatCount } from '../../ui/payload-format';
import { formatDateTime } from '../../ui/time-format';
import { useExplorer } from '../explorer';

/** The list is read again this often (an import elsewhere adds to it). */
const CAPTURES_REFRESH_MS = 5_000;

function CaptureItem(props: { capture: CaptureInfo; onDeleted: () => void }) {
  const explorer = useExplorer();
  const [confirming, setConfirming] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const c = () => props.capture;
  const remove = async () => {
    const result = await explorer.deleteCapture(c().id);
    if (!result.ok) return setError(`Not deleted: ${result.message}`);
    setConfirming(false);
    props.onDeleted();
  };
  return (
    <li class="capture-item">
      <div class="capture-main">
        <strong class="capture-name">{c().name}</strong>
        <Show when={c().importing}>
          <span class="chip">importing…</span>
        </Show>
        <span class="muted small">
          {[
            c().fileName,
            `${formatCount(c().messages)} messages`,
            formatBytes(c().bytes),
            // Seconds are enough here; the clock's milliseconds are for message times.
            `imported ${formatDateTime(c().createdAt).replace(/\.\d+$/, '')}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </div>
      <div class="capture-actions">
        <button
          type="button"
          class="btn small"
          aria-label={`Show capture ${c().name}`}
          disabled={c().importing}
          onClick={() => {
            explorer.setSource(c().id);
            explorer.setTab('explore');
          }}
        >
          Show
        </button>
        <button
          type="button"
          class="btn small ghost"
          aria-label={`Delete capture ${c().name}`}
          onClick={() => setConfirming(true)}
        >
          Delete
        </button>
      </div>
      <Show when={confirming()}>
        <div class="capture-confirm" role="group" aria-label={`Confirm deleting ${c().name}`}>
          <p>
            Delete capture '{c().name}' and its {formatCount(c().messages)} messages from this
            device? This cannot be undone.
          </p>
          <button type="button" class="btn small danger" onClick={() => void remove()}>
            Delete capture
          </button>
          <button type="button" class="btn small" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      </Show>
      <Show when={error()}>
        {(text) => (
          <p class="form-error" role="alert">
            {text()}
          </p>
        )}
      </Show>
    </li>
  );
}

export function CaptureList() {
  const explorer = useExplorer();
  const [captures, { refetch }] = createResource(() => explorer.captures());
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') void refetch();
  }, CAPTURES_REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  // Items are keyed by id (strings compare by value), so a refresh keeps each item, and an open
  // confirmation, in place instead of rebuilding it under the user's pointer.
  const byId = createMemo(() => new Map((captures.latest ?? []).map((c) => [c.id, c])));
  const ids = createMemo(() => [...byId().keys()]);
  return (
    <section class="card" aria-labelledby="captures-title">
      <h3 id="captures-title" class="card-title">
        Captures
      </h3>
      <p class="muted small">Imported files, kept apart from live history and never pruned.</p>
      <Show
        when={(captures.latest?.length ?? 0) > 0}
        fallback={<p class="muted">No captures. Import an NDJSON export to make one.</p>}
      >
        <ul class="capture-list" aria-label="Captures">
          <For each={ids()}>
            {(id) => (
              <Show when={byId().get(id)}>
                {(capture) => <CaptureItem capture={capture()} onDeleted={() => void refetch()} />}
              </Show>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
