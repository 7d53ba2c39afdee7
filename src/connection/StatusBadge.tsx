// The connection status, always in view: one live region that says what the worker last reported.
import { Show } from 'solid-js';
import { statusWords } from './status-text';
import { useConnection } from './connection';

export function StatusBadge() {
  const connection = useConnection();
  const words = () => statusWords(connection.status());

  return (
    <div class="status" role="status" data-state={connection.status().state}>
      <span class="status-dot" aria-hidden="true" />
      <span class="status-label">{words().label}</span>
      <Show when={words().detail}>
        {' '}
        <span class="status-detail" title={words().detail}>
          {words().detail}
        </span>
      </Show>
    </div>
  );
}
