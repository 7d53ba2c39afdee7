// The retention policy's pure logic: defaults, validation of what the UI sends or the settings
// store holds, and which of the oldest segments to prune. No IndexedDB here (history-prune.ts).
import type { RetentionPolicy } from '../../../shared/protocol';

const MB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A million messages is days of a busy telemetry feed and still pages instantly; 500 MB of
 * payloads stays far from what a phone's browser grants; half the quota leaves the other half to
 * the app shell, QoS state and outbox (never pruned) and to growth between prunes; 30 days covers
 * "what happened last month" without keeping a device's whole life.
 */
export const DEFAULT_RETENTION: RetentionPolicy = {
  maxMessages: 1_000_000,
  maxBytes: 500 * MB,
  maxQuotaPercent: 50,
  maxAgeDays: 30,
};

/** Bounds per field, inclusive: below them a policy would prune faster than a person can read. */
export const RETENTION_BOUNDS: Record<keyof RetentionPolicy, readonly [number, number]> = {
  maxMessages: [100, 1_000_000_000],
  maxBytes: [1 * MB, 1024 * 1024 * MB],
  maxQuotaPercent: [1, 100],
  maxAgeDays: [1, 36_500],
};

/** How the UI names each field, and the unit it is entered in (bytes as MB). */
const WORDING: Record<keyof RetentionPolicy, { label: string; scale: number; unit: string }> = {
  maxMessages: { label: 'Maximum messages', scale: 1, unit: '' },
  maxBytes: { label: 'Maximum payload size', scale: MB, unit: ' MB' },
  maxQuotaPercent: { label: 'Maximum share of quota', scale: 1, unit: ' %' },
  maxAgeDays: { label: 'Maximum age', scale: 1, unit: ' days' },
};

/** What each stored message costs beyond its payload (segment columns: id, time, topic, …). */
export const MESSAGE_OVERHEAD_BYTES = 32;

const FIELDS = Object.keys(DEFAULT_RETENTION) as (keyof RetentionPolicy)[];

const inBounds = (field: keyof RetentionPolicy, value: unknown): value is number => {
  const [min, max] = RETENTION_BOUNDS[field];
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
};

/** Why `policy` cannot be used, in words, or undefined when every field is within bounds. */
export function retentionProblem(policy: RetentionPolicy): string | undefined {
  for (const field of FIELDS) {
    if (inBounds(field, policy[field])) continue;
    const { label, scale, unit } = WORDING[field];
    const [min, max] = RETENTION_BOUNDS[field].map((n) => (n / scale).toLocaleString('en'));
    return `${label} must be between ${min} and ${max}${unit}.`;
  }
  return undefined;
}

/** A stored policy, field by field: anything missing or out of bounds takes its default. */
export function readRetention(value: unknown): RetentionPolicy {
  const record =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const policy = { ...DEFAULT_RETENTION };
  for (const field of FIELDS) {
    const stored = record[field];
    if (inBounds(field, stored)) policy[field] = stored;
  }
  return policy;
}

/** The policy resolved against the quota and the clock: what a prune must get history under. */
export interface PruneLimits {
  maxMessages: number;
  maxBytes: number;
  /** Payloads plus per-message overhead, against the share of the quota; Infinity unknown. */
  maxStoredBytes: number;
  /** Segments whose newest message is older than this (ms since the epoch) go. */
  cutoffTime: number;
}

export function pruneLimits(policy: RetentionPolicy, quota: number | undefined, now: number) {
  const limits: PruneLimits = {
    maxMessages: policy.maxMessages,
    maxBytes: policy.maxBytes,
    maxStoredBytes: quota ? Math.floor((quota * policy.maxQuotaPercent) / 100) : Infinity,
    cutoffTime: now - policy.maxAgeDays * DAY_MS,
  };
  return limits;
}

/** What history holds, or the part of it a plan is about. */
export interface HistoryAmount {
  messages: number;
  bytes: number;
}

/** What a segment must tell the planner (a SegmentRecord has all of it). */
export interface SegmentSummary extends HistoryAmount {
  firstId: number;
  lastId: number;
  maxTime: number;
}

const storedBytes = (amount: HistoryAmount) =>
  amount.bytes + amount.messages * MESSAGE_OVERHEAD_BYTES;

/**
 * Whether the oldest remaining segment goes, given what history holds with it still in. Segments
 * go whole, so a size limit cannot be met exactly: a segment goes only if what is left without
 * it still reaches the limit. History then keeps at least the limit and at most one segment
 * (4,096 messages, 1 MiB of payload) more; a prune never deletes what the limit would keep.
 * Age is per segment: one goes once its newest message is older than the limit.
 */
export function shouldPrune(oldest: SegmentSummary, held: HistoryAmount, limits: PruneLimits) {
  const rest = { messages: held.messages - oldest.messages, bytes: held.bytes - oldest.bytes };
  return (
    oldest.maxTime < limits.cutoffTime ||
    (held.messages > limits.maxMessages && rest.messages >= limits.maxMessages) ||
    (held.bytes > limits.maxBytes && rest.bytes >= limits.maxBytes) ||
    (storedBytes(held) > limits.maxStoredBytes && storedBytes(rest) >= limits.maxStoredBytes)
  );
}

export interface PrunePlan extends HistoryAmount {
  /** First ids of the segments to delete: always the oldest ones, in order. */
  firstIds: number[];
  /** Past the last pruned segment the policy holds (false: `oldest` ran out first). */
  done: boolean;
}

/** Which of `oldest` (oldest first) to delete so that `held` gets within `limits`. */
export function planPrune(
  oldest: readonly SegmentSummary[],
  held: HistoryAmount,
  limits: PruneLimits,
): PrunePlan {
  const plan: PrunePlan = { firstIds: [], messages: 0, bytes: 0, done: false };
  const left = { ...held };
  for (const segment of oldest) {
    if (!shouldPrune(segment, left, limits)) return { ...plan, done: true };
    plan.firstIds.push(segment.firstId);
    plan.messages += segment.messages;
    plan.bytes += segment.bytes;
    left.messages -= segment.messages;
    left.bytes -= segment.bytes;
  }
  return { ...plan, done: left.messages <= 0 };
}
