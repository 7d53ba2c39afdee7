// Words for the connection status, so every place that shows it says the same thing.
import type { StatusEvent } from '../../shared/protocol';

export interface StatusWords {
  /** Starts with "Connected", "Connecting", "Reconnecting", "Disconnected" or "Error". */
  label: string;
  /** The reason or target, worded for people; empty when there is nothing to add. */
  detail: string;
}

function seconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

export function statusWords(status: StatusEvent): StatusWords {
  const reason = status.error?.message ?? '';
  switch (status.state) {
    case 'connected':
      return { label: 'Connected', detail: status.url ?? '' };
    case 'connecting':
      return { label: 'Connecting', detail: status.url ?? '' };
    case 'reconnecting': {
      const attempt = status.attempt === undefined ? '' : ` · attempt ${status.attempt}`;
      const next =
        status.retryInMs === undefined ? '' : ` · next try in ${seconds(status.retryInMs)}`;
      return { label: `Reconnecting${attempt}${next}`, detail: reason };
    }
    case 'error':
      return { label: `Error: ${reason || 'the connection failed.'}`, detail: '' };
    case 'disconnected':
      return { label: 'Disconnected', detail: reason };
  }
}
