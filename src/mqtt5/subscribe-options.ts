// MQTT 5 subscribe options in words, and the subscription identifier as typed.
import type { SubscribeOptions } from '../../shared/protocol';

/** Subscription Identifier is a Variable Byte Integer from 1 (MQTT 5 §3.8.2.1.2). */
export const SUBSCRIPTION_ID_MAX = 268_435_455;

/** What each Retain Handling value does, as the form offers it. */
export const RETAIN_HANDLING = [
  'Send retained messages',
  'Only for a new subscription',
  'Do not send retained messages',
] as const;

/** The identifier typed ('' for none), or why it cannot be sent. */
export function parseSubscriptionId(text: string): number | undefined | string {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const n = /^-?\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= SUBSCRIPTION_ID_MAX) return n;
  return `Subscription identifier must be a whole number from 1 to ${SUBSCRIPTION_ID_MAX.toLocaleString('en')}.`;
}

/** The options a subscription was made with, compactly in words ('' for all defaults). */
export function subscribeOptionsText(options: SubscribeOptions): string {
  const parts: string[] = [];
  if (options.noLocal) parts.push('no local');
  if (options.retainAsPublished) parts.push('retain as published');
  if (options.retainHandling === 1) parts.push('retained only when new');
  if (options.retainHandling === 2) parts.push('no retained');
  if (options.subscriptionIdentifier !== undefined) {
    parts.push(`identifier ${options.subscriptionIdentifier}`);
  }
  return parts.join(' · ');
}
