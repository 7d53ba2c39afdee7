// The wire contract for what the worker keeps besides history: storage figures and the
// retention policy, dashboards and decoder rules.
import type { DeckError } from './core';

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
