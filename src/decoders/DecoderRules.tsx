// "Decode messages on this topic as …": a rule from a filter (prefilled from the topic) to a
// decoder, and the list of saved rules with a Remove button each.
import { For, Show, createSignal, untrack } from 'solid-js';
import type { DecoderId } from '../../shared/protocol';
import { DECODER_IDS, DECODER_NAMES } from './decoders';
import { useDecoderRules } from './decoder-rules';
import { FieldError, errorAttrs } from '../ui/Field';

const FILTER_ID = 'decoder-rule-filter';

export function DecoderRules(props: { topic: string; decoder: DecoderId }) {
  const rules = useDecoderRules();
  // Prefilled once from the message; the person edits from there.
  const [filter, setFilter] = createSignal(untrack(() => props.topic));
  const [decoder, setDecoder] = createSignal<DecoderId>(untrack(() => props.decoder));

  return (
    <details class="decoder-rules">
      <summary>Decoder rules ({rules.rules().length})</summary>
      <form
        class="rule-form"
        onSubmit={(event) => {
          event.preventDefault();
          void rules.add(filter().trim(), decoder());
        }}
      >
        <p class="rule-title">Decode messages on this topic as …</p>
        <div class="field">
          <label for={FILTER_ID}>Topics matching</label>
          <input
            id={FILTER_ID}
            class="mono"
            value={filter()}
            spellcheck={false}
            autocomplete="off"
            onInput={(e) => setFilter(e.currentTarget.value)}
            {...errorAttrs(FILTER_ID, rules.error())}
          />
          <FieldError for={FILTER_ID} error={rules.error()} />
        </div>
        <div class="field">
          <label for="decoder-rule-decoder">Decode as</label>
          <select
            id="decoder-rule-decoder"
            value={decoder()}
            onChange={(e) => setDecoder(e.currentTarget.value as DecoderId)}
          >
            <For each={DECODER_IDS}>{(id) => <option value={id}>{DECODER_NAMES[id]}</option>}</For>
          </select>
        </div>
        <button type="submit" class="btn small primary">
          Save rule
        </button>
      </form>
      <Show
        when={rules.rules().length > 0}
        fallback={<p class="muted small">No rules: each payload is shown as it looks best.</p>}
      >
        <ul class="rule-list" aria-label="Decoder rules">
          <For each={rules.rules()}>
            {(rule) => (
              <li>
                <span class="mono">{rule.filter}</span> → {DECODER_NAMES[rule.decoder]}
                <button
                  type="button"
                  class="btn small ghost"
                  aria-label={`Remove rule ${rule.filter}`}
                  onClick={() => void rules.remove(rule.filter)}
                >
                  Remove
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </details>
  );
}
