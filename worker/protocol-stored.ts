// The wire contract, continued: what the UI reads and keeps through the worker (history pages,
// storage figures, dashboards, decoder rules). Types only, like protocol.ts, which re-exports them.
import type { DeckError, MessageSummary } from './protocol';
import type { HistoryConditions } from './protocol-explore';

/**
 * A page of history, newest first, of the messages matching every condition given.
 * Pass `before` = the page's `next` to continue.
 */
export interface HistoryQuery extends HistoryConditions {
  /** Topic filter, wildcards allowed. */
  topicFilter?: string;
  /** Payload substring, matched on the payload's UTF-8 bytes, case-sensitive. */
  text?: string;
  /** Receive time range, inclusive, ms since the epoch. */
  from?: number;
  to?: number;
  /** Only messages with an id below this position. */
  before?: number;
  limit: number;
}

export interface HistoryPage {
  messages: MessageSummary[];
  /** The query itself is invalid (a regular expression that does not compile, a bad filter). */
  error?: DeckError;
  /**
   * Position to pass as `before` to continue, absent at the end of history. Each call does a
   * bounded amount of work (about 100 ms): a search that has not found `limit` matches by then
   * returns the matches so far, maybe none, with the `next` to continue from.
   */
  next?: number;
}

/** How much history to keep: beyond any limit, the oldest whole segments are pruned. */
export interface RetentionPolicy {
  maxMessages: number;
  /** Payload bytes. */
  maxBytes: number;
  /** Share of the browser's storage quota history may fill, in percent (1–100). */
  maxQuotaPercent: number;
  maxAgeDays: number;
}

/** Storage as the History view's Storage section shows it. */
export interface StorageInfo {
  /** `navigator.storage.estimate()` of the whole origin, in bytes; absent where unsupported. */
  usage?: number;
  quota?: number;
  /** History's own running totals (payload bytes). */
  messages: number;
  bytes: number;
  segments: number;
  /** Receive time of the oldest stored message, ms since the epoch. */
  oldestTime?: number;
  retention: RetentionPolicy;
  /** Whether a prune is running now, and what the last one removed. */
  pruning: boolean;
  lastPrune?: { at: number; messages: number; segments: number };
  /** The history writer's current error (for example the quota is full). */
  error?: DeckError;
}

/**
 * A saved dashboard as the worker stores it. The worker keeps it as it is; its shape belongs to
 * src/dashboards (dashboard-model.ts), which validates every record it reads back.
 */
export interface DashboardData {
  id: string;
  [field: string]: unknown;
}

/** The payload decoders of the detail view; a rule picks one for the topics its filter matches. */
export type DecoderId = 'text' | 'json' | 'hex' | 'base64' | 'msgpack' | 'cbor';

/** "Decode messages on topics matching `filter` as `decoder`"; the first matching rule wins. */
export interface DecoderRule {
  filter: string;
  decoder: DecoderId;
}
