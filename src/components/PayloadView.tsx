// A whole payload as Text, pretty JSON or Hex; large hex dumps are paged so nothing freezes.
import { For, Match, Show, Switch, createMemo, createSignal } from 'solid-js';
import { decodeLossy, decodeUtf8, formatCount, hexDump, prettyJson } from '../lib/payload-format';

const COPIED_FEEDBACK_MS = 1500;

/** Bytes per hex page: 4,096 lines, a few hundred KB of text, renders in a few ms. */
const HEX_PAGE_BYTES = 64 * 1024;

type Tab = 'text' | 'json' | 'hex';
const TABS: { id: Tab; label: string }[] = [
  { id: 'text', label: 'Text' },
  { id: 'json', label: 'JSON' },
  { id: 'hex', label: 'Hex' },
];

function HexPages(props: { bytes: Uint8Array }) {
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

export function PayloadView(props: { payload: Uint8Array }) {
  const strict = createMemo(() => decodeUtf8(props.payload));
  const json = createMemo(() => (strict() === null ? null : prettyJson(props.payload)));
  const best = (): Tab => (strict() === null ? 'hex' : json() !== null ? 'json' : 'text');
  const [chosen, setChosen] = createSignal<Tab>();
  const tab = () => chosen() ?? best();
  const [copied, setCopied] = createSignal(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(strict() ?? decodeLossy(props.payload));
      setCopied(true);
      setTimeout(() => setCopied(false), COPIED_FEEDBACK_MS);
    } catch {
      setCopied(false); // no clipboard permission: nothing to report beyond not saying "Copied"
    }
  }

  return (
    <div class="payload-view">
      {/* The Copy button sits beside the tablist, not in it: a tablist holds tabs only. */}
      <div class="tab-bar">
        <div class="tabs" role="tablist" aria-label="Payload format">
          <For each={TABS}>
            {(t) => (
              <button
                type="button"
                role="tab"
                id={`payload-tab-${t.id}`}
                aria-selected={tab() === t.id}
                aria-controls="payload-panel"
                class="tab"
                onClick={() => setChosen(t.id)}
              >
                {t.label}
              </button>
            )}
          </For>
        </div>
        <button type="button" class="btn small ghost push-right" onClick={() => void copy()}>
          {copied() ? 'Copied' : 'Copy'}
        </button>
      </div>
      <div id="payload-panel" role="tabpanel" aria-labelledby={`payload-tab-${tab()}`}>
        <Switch>
          <Match when={props.payload.length === 0}>
            <p class="empty-note">The payload is empty.</p>
          </Match>
          <Match when={tab() === 'text'}>
            <Show when={strict() === null}>
              <p class="note">
                Not valid UTF-8: undecodable bytes are shown as �. See Hex for the bytes.
              </p>
            </Show>
            <pre class="payload">{strict() ?? decodeLossy(props.payload)}</pre>
          </Match>
          <Match when={tab() === 'json'}>
            <Show when={json()} fallback={<p class="note">This payload is not JSON.</p>}>
              {(text) => <pre class="payload">{text()}</pre>}
            </Show>
          </Match>
          <Match when={tab() === 'hex'}>
            <HexPages bytes={props.payload} />
          </Match>
        </Switch>
      </div>
    </div>
  );
}
