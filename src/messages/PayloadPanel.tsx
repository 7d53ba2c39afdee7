// The payload part of the message detail, a chunk of its own loaded with the first message shown:
// the decoder a rule or the payload picks, the decoded views, the diff and the rules editor.
import { Show, createMemo, createSignal } from 'solid-js';
import type { DecoderId, StoredMessage } from '../../shared/protocol';
import { DECODER_NAMES, autoDecoder, ruleFor } from '../decoders/decoders';
import { useDecoderRules } from '../decoders/decoder-rules';
import '../decoders/decoders.css';
import { DecoderRules } from '../decoders/DecoderRules';
import { PayloadDiff } from './PayloadDiff';
import { PayloadView } from './PayloadView';

export default function PayloadPanel(props: {
  message: StoredMessage;
  /** The capture the message came from (the diff reads the previous message there). */
  source?: string | undefined;
}) {
  const rules = useDecoderRules();
  const rule = createMemo(() => ruleFor(rules.rules(), props.message.topic));
  const auto = createMemo(() => autoDecoder(props.message.payload));
  const [chosen, setChosen] = createSignal<DecoderId>();
  const tab = () => chosen() ?? rule()?.decoder ?? auto();

  return (
    <>
      <Show when={rule()}>
        {(r) => (
          <p class="muted small rule-note">
            Decoded as {DECODER_NAMES[r().decoder]} by the rule{' '}
            <span class="mono">{r().filter}</span>.
          </p>
        )}
      </Show>
      <PayloadView payload={props.message.payload} tab={tab()} onTab={setChosen} />
      <PayloadDiff message={props.message} decoder={tab()} source={props.source} />
      <DecoderRules topic={props.message.topic} decoder={tab()} />
    </>
  );
}
