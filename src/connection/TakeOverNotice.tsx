// Says where the connection lives when another tab holds it, with the button that takes it over.
import { Show } from 'solid-js';
import type { DeckError } from '../../shared/protocol';
import { useConnection } from './connection';

export function TakeOverNotice() {
  const connection = useConnection();
  // Shown only while this tab is not connected: Connect found the lock held, or lost it.
  const elsewhere = (): DeckError | undefined => {
    const status = connection.status();
    const code = status.error?.code;
    const held = code === 'open-elsewhere' || code === 'taken-over';
    return status.state === 'disconnected' && held ? status.error : undefined;
  };

  return (
    <Show when={elsewhere()}>
      {(error) => (
        <div class="banner info take-over">
          <span role="alert">{error().message}</span>
          <Show when={connection.status().elsewhere}>
            {(state) => <span class="take-over-live">In the other tab: {state()}.</span>}
          </Show>
          <button
            type="button"
            class="btn small primary"
            disabled={connection.workerFailure() !== undefined}
            onClick={() => void connection.connect({ takeOver: true })}
          >
            Take over
          </button>
        </div>
      )}
    </Show>
  );
}
