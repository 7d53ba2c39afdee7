// A connection that was up and dropped: a banner across every view that blocks nothing (never a
// modal) and says what is happening, the reconnect attempt and when the next one is; and above it
// the connections bar, so every view shows which brokers are open.
import { Show, createSignal, createEffect } from 'solid-js';
import { chunkView } from '../ui/chunk-view';
import { useConnection } from './connection';

const ConnectionsBar = chunkView(() => import('./ConnectionsBar'), 'The connections bar');

export function ConnectionBanner() {
  const connection = useConnection();
  // Only a connection that was up can be lost; a first attempt failing is the form's business.
  const [wasUp, setWasUp] = createSignal(false);
  let shown: string | undefined;
  createEffect(() => {
    const state = connection.status().state;
    // Another connection chosen: whether it was up starts afresh with it.
    if (connection.selectedId() !== shown) {
      shown = connection.selectedId();
      setWasUp(state === 'connected');
    } else if (state === 'connected') setWasUp(true);
    else if (state === 'disconnected') setWasUp(false); // the person disconnected
  });
  const lost = () => wasUp() && connection.status().state !== 'connected';
  const detail = () => {
    const status = connection.status();
    if (status.state === 'reconnecting' && status.attempt !== undefined) {
      const next =
        status.retryInMs !== undefined
          ? `, next try in ${Math.ceil(status.retryInMs / 1_000)} s`
          : '';
      return `reconnecting (attempt ${status.attempt}${next})`;
    }
    if (status.state === 'connecting') return 'reconnecting now';
    return status.error ? `not reconnecting: ${status.error.message}` : 'reconnecting';
  };
  return (
    <>
      <Show when={connection.openIds().length > 0}>
        <ConnectionsBar />
      </Show>
      <Show when={lost()}>
        <div class="banner warn connection-banner" role="status">
          Connection lost — {detail()}. Values shown may be out of date.
        </div>
      </Show>
    </>
  );
}
