// A dashboard needs its topics subscribed: once connected, each bound topic that no current
// subscription covers is subscribed to (QoS 0), so a new dashboard shows data without a detour.
import { createEffect, createSignal, onCleanup } from 'solid-js';
import { topicMatches } from '../../shared/mqtt/topics';
import type { SubscriptionEvent } from '../../shared/protocol';

/** After connecting, the app's own subscriptions (restored or suggested) get this long first. */
const SETTLE_MS = 1_500;

const hasWildcard = (topic: string) => topic.includes('+') || topic.includes('#');

export function isCovered(topic: string, subscriptions: readonly SubscriptionEvent[]): boolean {
  return subscriptions.some(
    (s) =>
      (s.state === 'granted' || s.state === 'pending') &&
      (s.filter === topic || (!hasWildcard(topic) && topicMatches(s.filter, topic))),
  );
}

export function autoSubscribe(opts: {
  connected: () => boolean;
  topics: () => readonly string[];
  subscriptions: () => readonly SubscriptionEvent[];
  subscribe: (filter: string) => Promise<unknown>;
}): void {
  // Asked once per page for each topic: a refusal is shown in Subscriptions, not retried here.
  const asked = new Set<string>();
  const [settled, setSettled] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    clearTimeout(timer);
    if (!opts.connected()) return setSettled(false);
    timer = setTimeout(() => setSettled(true), SETTLE_MS);
  });
  onCleanup(() => clearTimeout(timer));
  createEffect(() => {
    if (!opts.connected() || !settled()) return;
    const subscriptions = opts.subscriptions();
    for (const topic of new Set(opts.topics())) {
      if (asked.has(topic) || isCovered(topic, subscriptions)) continue;
      asked.add(topic);
      void opts.subscribe(topic);
    }
  });
}
