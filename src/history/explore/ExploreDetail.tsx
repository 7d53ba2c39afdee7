// The selected result in full: read from the explored source, shown as the live detail shows a
// message (MessageDetailBody: the payload panel with decoders, diff and rules; the properties).
import { MessageDetailBody } from '../../messages/MessageDetailBody';
import { useExplorer } from '../explorer';

export function ExploreDetail(props: {
  id: number | undefined;
  source: string | undefined;
  onBack: () => void;
}) {
  const explorer = useExplorer();
  return (
    <section class="card detail explore-detail" aria-label="Stored message">
      <header class="card-head">
        <button type="button" class="btn small explore-back" onClick={() => props.onBack()}>
          ← Back to results
        </button>
        <h3 class="card-title">Message</h3>
      </header>
      <MessageDetailBody
        id={props.id}
        source={props.source}
        read={(id, source) => explorer.getMessage(id, source)}
        empty="Select a result to see its whole payload and properties."
      />
    </section>
  );
}
