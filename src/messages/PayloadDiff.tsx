// The shown message against the previous one stored on the same topic, both through the same
// decoder, line by line: "+ " added, "- " removed (marked in text, not by colour alone).
import { For, Match, Show, Switch, createMemo, createResource, createSignal } from 'solid-js';
import type { DecoderId, StoredMessage } from '../../shared/protocol';
import { DECODER_NAMES, DIFF_MAX_BYTES, decodedText } from '../decoders/decoders';
import { diffLines, foldDiff, type DiffOp } from '../decoders/line-diff';
import { formatBytes, formatCount } from '../ui/payload-format';
import { formatDateTime } from '../ui/time-format';
import { usePreviousMessage } from './previous-message';

const lines = (n: number) => `${formatCount(n)} line${n === 1 ? '' : 's'}`;
const MARKS: Record<DiffOp, string> = { same: '  ', added: '+ ', removed: '- ' };

export function PayloadDiff(props: {
  message: StoredMessage;
  decoder: DecoderId;
  /** The capture the message came from; absent for live history. */
  source?: string | undefined;
}) {
  const lookup = usePreviousMessage();
  const [open, setOpen] = createSignal(false);
  const [previous] = createResource(
    (): [StoredMessage, string | undefined] | undefined =>
      open() ? [props.message, props.source] : undefined,
    ([message, source]) => lookup.find(message, source),
  );
  const diff = createMemo(() => {
    const prev = previous();
    if (!prev) return undefined;
    const before = decodedText(props.decoder, prev.payload);
    const after = decodedText(props.decoder, props.message.payload);
    return { prev, result: diffLines(before, after) };
  });
  const cut = () => props.message.size > DIFF_MAX_BYTES || (previous()?.size ?? 0) > DIFF_MAX_BYTES;

  return (
    <section class="payload-diff" aria-label="Difference from the previous message">
      <button
        type="button"
        class="btn small"
        aria-expanded={open()}
        onClick={() => setOpen(!open())}
      >
        Compare with previous message
      </button>
      <Show when={open()}>
        <Switch>
          <Match when={previous.error as unknown}>
            <p class="decode-error" role="alert">
              History could not be read: {String(previous.error)}
            </p>
          </Match>
          <Match when={previous.loading}>
            <p class="empty-note">Looking for the previous message…</p>
          </Match>
          <Match when={previous() === null}>
            <p class="empty-note">No earlier message on this topic is stored.</p>
          </Match>
          <Match when={diff()}>
            {(d) => (
              <>
                <p class="note" role="status">
                  As {DECODER_NAMES[props.decoder]}, against the message received{' '}
                  {formatDateTime(d().prev.time)}:{' '}
                  {d().result.added + d().result.removed === 0
                    ? 'no difference.'
                    : `${lines(d().result.added)} added, ${formatCount(d().result.removed)} removed.`}
                  {cut()
                    ? ` Only the first ${formatBytes(DIFF_MAX_BYTES)} of each are compared.`
                    : ''}
                  {d().result.minimal
                    ? ''
                    : ' The changed middle is too long to align line by line.'}
                </p>
                <Show when={d().result.added + d().result.removed > 0}>
                  <pre class="payload diff">
                    <For each={foldDiff(d().result.lines)}>
                      {(hunk) =>
                        hunk.fold ? (
                          <span class="diff-fold">{`  … ${formatCount(hunk.count)} unchanged lines\n`}</span>
                        ) : (
                          <For each={hunk.lines}>
                            {(line) => (
                              <span
                                class={`diff-${line.op}`}
                              >{`${MARKS[line.op]}${line.text}\n`}</span>
                            )}
                          </For>
                        )
                      }
                    </For>
                  </pre>
                </Show>
              </>
            )}
          </Match>
        </Switch>
      </Show>
    </section>
  );
}
