// A whole payload through one decoder at a time (Text, JSON, Hex, Base64, MessagePack, CBOR):
// large payloads a slice or a page at a time, structured ones decoded on request past 1 MB.
import { For, Match, Show, Switch, createMemo, createSignal, untrack } from 'solid-js';
import type { DecoderId } from '../../shared/protocol';
import { fromBase64, toBase64 } from '../decoders/base64';
import { DECODER_IDS, DECODER_NAMES, LAZY_PAYLOAD_BYTES, STRUCTURED } from '../decoders/decoders';
import { prettyText } from '../decoders/node-text';
import { decodeLossy, decodeUtf8, formatBytes } from '../ui/payload-format';
import { DataTree } from './DataTree';
import { HexPages } from './HexPages';
import { LazyText } from '../ui/LazyText';

const COPIED_FEEDBACK_MS = 1500;

function TextPanel(props: { payload: Uint8Array }) {
  const valid = createMemo(() => decodeUtf8(props.payload) !== null);
  const render = (end: number) => {
    const head = props.payload.subarray(0, end);
    return decodeUtf8(head, end < props.payload.length) ?? decodeLossy(head);
  };
  return (
    <>
      <Show when={!valid()}>
        <p class="note">
          Not valid UTF-8: undecodable bytes are shown as �. See Hex for the bytes.
        </p>
      </Show>
      <LazyText total={props.payload.length} render={render} />
    </>
  );
}

function Base64Panel(props: { payload: Uint8Array }) {
  const decoded = createMemo(() =>
    props.payload.length < LAZY_PAYLOAD_BYTES ? fromBase64(decodeLossy(props.payload)) : null,
  );
  return (
    <>
      <Show when={decoded()}>
        {(bytes) => (
          <>
            <p class="note">The payload is base64 text of {formatBytes(bytes().length)}:</p>
            <HexPages bytes={bytes()} />
            <p class="note">The payload itself as base64:</p>
          </>
        )}
      </Show>
      <LazyText total={props.payload.length} render={(end) => toBase64(props.payload, end)} />
    </>
  );
}

function StructuredPanel(props: { payload: Uint8Array; decoder: DecoderId }) {
  const [requested, setRequested] = createSignal(
    untrack(() => props.payload.length < LAZY_PAYLOAD_BYTES),
  );
  const result = createMemo(() =>
    requested() ? STRUCTURED[props.decoder]?.(props.payload) : undefined,
  );
  const tree = () => {
    const r = result();
    return r?.ok ? r.value : undefined;
  };
  const error = () => {
    const r = result();
    return r && !r.ok ? r.error : undefined;
  };
  return (
    <Switch
      fallback={
        <>
          <p class="note">
            This payload is {formatBytes(props.payload.length)}: decoding it whole may take a
            moment.
          </p>
          <button type="button" class="btn small" onClick={() => setRequested(true)}>
            Decode as {DECODER_NAMES[props.decoder]}
          </button>
        </>
      }
    >
      <Match when={tree()}>{(root) => <DataTree root={root()} />}</Match>
      <Match when={error()}>
        {(message) => (
          <p class="decode-error" role="alert">
            {message()}
          </p>
        )}
      </Match>
    </Switch>
  );
}

/** The text Copy puts on the clipboard: the whole text, or the decoder's pretty form. */
function copyText(payload: Uint8Array, decoder: DecoderId): string {
  const structured = STRUCTURED[decoder];
  const result =
    structured && payload.length < LAZY_PAYLOAD_BYTES ? structured(payload) : undefined;
  if (result?.ok) return prettyText(result.value);
  return decodeUtf8(payload) ?? decodeLossy(payload);
}

export function PayloadView(props: {
  payload: Uint8Array;
  tab: DecoderId;
  onTab: (tab: DecoderId) => void;
}) {
  const [copied, setCopied] = createSignal(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(copyText(props.payload, props.tab));
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
          <For each={DECODER_IDS}>
            {(id) => (
              <button
                type="button"
                role="tab"
                id={`payload-tab-${id}`}
                aria-selected={props.tab === id}
                aria-controls="payload-panel"
                class="tab"
                onClick={() => props.onTab(id)}
              >
                {DECODER_NAMES[id]}
              </button>
            )}
          </For>
        </div>
        <button type="button" class="btn small ghost push-right" onClick={() => void copy()}>
          {copied() ? 'Copied' : 'Copy'}
        </button>
      </div>
      <div id="payload-panel" role="tabpanel" aria-labelledby={`payload-tab-${props.tab}`}>
        <Switch>
          <Match when={props.payload.length === 0}>
            <p class="empty-note">The payload is empty.</p>
          </Match>
          <Match when={props.tab === 'text'}>
            <TextPanel payload={props.payload} />
          </Match>
          <Match when={props.tab === 'hex'}>
            <HexPages bytes={props.payload} />
          </Match>
          <Match when={props.tab === 'base64'}>
            <Base64Panel payload={props.payload} />
          </Match>
          <Match when={STRUCTURED[props.tab] !== undefined}>
            {/* Keyed on the decoder, so each tab decodes (and asks) afresh. */}
            <Show when={props.tab} keyed>
              {(decoder) => <StructuredPanel payload={props.payload} decoder={decoder} />}
            </Show>
          </Match>
        </Switch>
      </div>
    </div>
  );
}
