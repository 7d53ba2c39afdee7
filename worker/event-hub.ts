// Delivers worker events to the UI's listeners in batches: at most one call per listener per
// UI_FLUSH_INTERVAL_MS, with consecutive message batches merged, never one call per message.
import { createBatcher, NATIVE_TIMER } from './message-batcher';
import type { BatchTimer } from './message-batcher';
import type { DeckEvent, DeckEventListener, MessageSummary } from './protocol';

/** About one animation frame. */
export const UI_FLUSH_INTERVAL_MS = 16;

export interface EventHub {
  emit(event: DeckEvent): void;
  message(summary: MessageSummary): void;
  /** Registers a listener; returns the function that removes it. */
  addListener(listener: DeckEventListener): () => void;
}

/** Merges runs of MessagesEvents so a batch holds one per run, in order with other events. */
export function mergeMessageEvents(events: readonly DeckEvent[]): DeckEvent[] {
  const merged: DeckEvent[] = [];
  for (const event of events) {
    const last = merged.at(-1);
    if (event.type === 'messages' && last?.type === 'messages') {
      last.messages.push(...event.messages);
    } else {
      merged.push(
        event.type === 'messages' ? { type: 'messages', messages: [...event.messages] } : event,
      );
    }
  }
  return merged;
}

export function createEventHub(
  options: {
    intervalMs?: number;
    timer?: BatchTimer;
    onListenerError?: (error: unknown) => void;
  } = {},
): EventHub {
  const listeners = new Set<DeckEventListener>();
  const batcher = createBatcher<DeckEvent>({
    maxItems: Infinity,
    maxDelayMs: options.intervalMs ?? UI_FLUSH_INTERVAL_MS,
    timer: options.timer ?? NATIVE_TIMER,
    onFlush(events) {
      const batch = mergeMessageEvents(events);
      for (const listener of listeners) {
        try {
          // Through Comlink the call returns a promise; a page that went away rejects it.
          Promise.resolve(listener(batch)).catch((error: unknown) => {
            listeners.delete(listener);
            options.onListenerError?.(error);
          });
        } catch (error) {
          listeners.delete(listener);
          options.onListenerError?.(error);
        }
      }
    },
  });

  return {
    emit(event) {
      // Nobody listens: the snapshot covers state, and messages are in history.
      if (listeners.size > 0) batcher.push(event);
    },
    message(summary) {
      if (listeners.size > 0) batcher.push({ type: 'messages', messages: [summary] });
    },
    addListener(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
