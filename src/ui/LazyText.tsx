// Text of a large payload shown a slice at a time: the first TEXT_SLICE_BYTES, then "Show more",
// so a 16 MB payload never becomes one 16 MB text node on the first click.
import { Show, createMemo, createSignal } from 'solid-js';
import { formatBytes } from './payload-format';

/** Payload bytes rendered per slice. */
export const TEXT_SLICE_BYTES = 256 * 1024;

/**
 * `render(end)` turns the payload's first `end` bytes into text; `total` is its size. Payloads of
 * one slice or less are shown whole with no pager.
 */
export function LazyText(props: { total: number; render: (end: number) => string }) {
  const [end, setEnd] = createSignal(TEXT_SLICE_BYTES);
  const shownEnd = () => Math.min(props.total, end());
  const text = createMemo(() => props.render(shownEnd()));
  return (
    <>
      <Show when={props.total > TEXT_SLICE_BYTES}>
        <p class="note" role="status">
          Showing the first {formatBytes(shownEnd())} of {formatBytes(props.total)}.
        </p>
      </Show>
      <pre class="payload">{text()}</pre>
      <Show when={shownEnd() < props.total}>
        <button type="button" class="btn small" onClick={() => setEnd(end() + TEXT_SLICE_BYTES)}>
          Show more
        </button>
      </Show>
    </>
  );
}
