// How many messages history holds: the labelled element's text is the bare number, for machines too.
import { useHistory } from './stored-history';

export function StoredCount() {
  const history = useHistory();
  return (
    <div class="stored" title="Messages stored in this browser">
      <span class="stored-label" aria-hidden="true">
        Stored
      </span>
      <span class="stored-count" aria-label="Stored messages">
        {String(history.stored())}
      </span>
    </div>
  );
}
