// Every connection the worker holds, as this page knows it: each one's last status by connection
// id (the profile id), the order they were first seen, and the one the page works on (selected).
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { StatusEvent } from '../../shared/protocol';
import { connectionColour } from './connection-colour';

export function createConnections() {
  const [statuses, setStatuses] = createStore<Record<string, StatusEvent>>({});
  const [ids, setIds] = createSignal<string[]>([]);
  const [selectedId, select] = createSignal<string>();

  return {
    statuses,
    /** Every connection seen in this page, oldest first (disconnected ones too). */
    ids,
    selectedId,
    select,
    /** Applies a status unless a newer one for that connection is held (a snapshot can trail). */
    apply(id: string, event: StatusEvent) {
      const held = statuses[id];
      if (held && event.at < held.at && held.state !== 'disconnected') return;
      if (!held) {
        connectionColour(id); // colours follow the order connections appear
        setIds([...ids(), id]);
        // One opened while none is selected (a kiosk's, which connects without the form).
        if (selectedId() === undefined) select(id);
      }
      // A top-level merge replaces the whole status: no stale error survives.
      setStatuses({ [id]: event });
    },
    /** Open or trying to be: what the connections bar lists. */
    openIds: () => ids().filter((id) => statuses[id]?.state !== 'disconnected'),
  };
}
