// A hex dump of any size, one page at a time, so a 16 MB payload never renders at once.
import { Show, createSignal } from 'solid-js';
import { formatCount, hexDump } from '../ui/payload-format';

/** Bytes per hex page: 4,096 lines, a few hundred KB of text, renders in a few ms. */
const HEX_PAGE_BYTES = 64 * 1024;

export function HexPages(props: { bytes: Uint8Array }) {
  const [page, setPage] = createSignal(0);
  const pages = () => Math.max(1, Math.ceil(props.bytes.length / HEX_PAGE_BYTES));
  const start = () => page() * HEX_PAGE_BYTES;
  const end = () => Math.min(props.bytes.length, start() + HEX_PAGE_BYTES);

  return (
    <>
      <Show when={pages() > 1}>
        <div class="pager">
          <button
            type="button"
            class="btn small"
            disabled={page() === 0}
            onClick={() => setPage(page() - 1)}
          >
            Previous
          </button>
          <span class="muted small">
            Bytes {formatCount(start())}–{formatCount(end() - 1)} of{' '}
            {formatCount(props.bytes.length)}
          </span>
          <button
            type="button"
            class="btn small"
            disabled={page() >= pages() - 1}
            onClick={() => setPage(page() + 1)}
          >
            Next
          </button>
        </div>
      </Show>
      <pre class="payload hex">{hexDump(props.bytes, start(), HEX_PAGE_BYTES)}</pre>
    </>
  );
}
