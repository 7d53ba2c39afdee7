// Delivers worker events to the UI's listeners in bounded batches: at most one post per frame,
// never one per message, at most UI_BATCH_MAX_MESSAGES summaries in it, and never a new post
// while the page is still busy with the last one.
import { NATIVE_TIMER } from './message-batcher';
import type { BatchTimer } from './message-batcher';
import { toSummaries } from '../db/message-summary';
import type {
  DeckEvent,
  DeckEventListener,
  MessagesEvent,
  StoredMessage,
} from '../../shared/protocol';

/** About one animation frame. */
export const UI_FLUSH_INTERVAL_MS = 16;
/** A screen shows a few dozen rows: a post carries only the newest this many of a burst. */
export const UI_BATCH_MAX_MESSAGES = 500;
/** A post the page has not answered by then no longer holds back the next one. */
export const UI_ACK_TIMEOUT_MS = 1_000;

export type HubEvent = Exclude<DeckEvent, MessagesEvent>;

export interface EventHub {
  emit(event: HubEvent): void;
  /** Takes one received message; only the newest of each post are turned into summaries. */
  message(message: StoredMessage): void;
  /** Registers a listener; returns the function that removes it. */
  addListener(listener: DeckEventListener): () => void;
}

/** Consecutive messages between other events: the newest kept, all of them counted. */
interface MessageRun {
  type: 'run';
  recent: StoredMessage[];
  received: number;
}

/** The post's events: the newest `max` messages in all get summaries, older runs only counts. */
function toEvents(queue: ReadonlyArray<HubEvent | MessageRun>, max: number): DeckEvent[] {
  const events: DeckEvent[] = new Array<DeckEvent>(queue.length);
  let budget = max;
  for (let i = queue.length - 1; i >= 0; i--) {
    const item = queue[i]!;
    if (item.type !== 'run') {
      events[i] = item;
      continue;
    }
    const take = Math.min(budget, item.recent.length);
    budget -= take;
    const messages = toSummaries(item.recent.slice(item.recent.length - take));
    events[i] = { type: 'messages', messages, received: item.received };
  }
  return events;
}

/**
 * The buffers a batch's previews live in: one per messages event, made for that post alone and
 * never touched again by the worker, so they can be transferred rather than copied.
 */
export function previewBuffers(batch: readonly DeckEvent[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const event of batch) {
    const buffer = event.type === 'messages' ? event.messages[0]?.preview.buffer : undefined;
    if (buffer instanceof ArrayBuffer && buffer.byteLength > 0) buffers.push(buffer);
  }
  return buffers;
}

export function createEventHub(
  options: {
    intervalMs?: number;
    maxMessages?: number;
    ackTimeoutMs?: number;
    timer?: BatchTimer;
    onListenerError?: (error: unknown) => void;
  } = {},
): EventHub {
  const timer = options.timer ?? NATIVE_TIMER;
  const intervalMs = options.intervalMs ?? UI_FLUSH_INTERVAL_MS;
  const max = options.maxMessages ?? UI_BATCH_MAX_MESSAGES;
  const listeners = new Set<DeckEventListener>();
  let queue: Array<HubEvent | MessageRun> = [];
  let run: MessageRun | undefined;
  let flushTimer: unknown = null;
  // Posts not answered yet, counted for the latest post only (`post` numbers them).
  let post = 0;
  let unanswered = 0;
  let ackTimer: unknown = null;
  let dueWhileBusy = false;

  function schedule(): void {
    if (flushTimer === null) flushTimer = timer.set(onFlushTimer, intervalMs);
  }

  function onFlushTimer(): void {
    flushTimer = null;
    if (unanswered > 0) dueWhileBusy = true;
    else flush();
  }

  function answered(mine: number): void {
    if (mine !== post || unanswered === 0) return;
    unanswered -= 1;
    if (unanswered > 0) return;
    if (ackTimer !== null) timer.clear(ackTimer);
    ackTimer = null;
    if (dueWhileBusy) flush();
  }

  function drop(listener: DeckEventListener, error: unknown): void {
    listeners.delete(listener);
    options.onListenerError?.(error);
  }

  function flush(): void {
    dueWhileBusy = false;
    if (queue.length === 0) return;
    const batch = toEvents(queue, max);
    queue = [];
    run = undefined;
    const mine = ++post;
    unanswered = 0;
    for (const listener of listeners) {
      let result: unknown;
      try {
        result = listener(batch);
      } catch (error) {
        drop(listener, error);
        continue;
      }
      // Through Comlink the call returns a promise that settles once the page has handled the
      // batch: the next post waits for it. A page that went away rejects it.
      if (!(result instanceof Promise)) continue;
      unanswered += 1;
      result.then(
        () => answered(mine),
        (error: unknown) => {
          drop(listener, error);
          answered(mine);
        },
      );
    }
    if (unanswered > 0) {
      if (ackTimer !== null) timer.clear(ackTimer);
      ackTimer = timer.set(() => {
        ackTimer = null;
        unanswered = 1;
        answered(mine);
      }, options.ackTimeoutMs ?? UI_ACK_TIMEOUT_MS);
    }
  }

  return {
    emit(event) {
      // Nobody listens: the snapshot covers state, and messages are in history.
      if (listeners.size === 0) return;
      queue.push(event);
      run = undefined;
      schedule();
    },
    message(message) {
      if (listeners.size === 0) return;
      if (!run) {
        run = { type: 'run', recent: [], received: 0 };
        queue.push(run);
        schedule();
      }
      run.received += 1;
      const recent = run.recent;
      recent.push(message);
      // Keep the newest `max`, trimming in steps so each message costs O(1) on average.
      if (recent.length >= 2 * max) {
        recent.copyWithin(0, recent.length - max);
        recent.length = max;
      }
    },
    addListener(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
