// Clearing retained messages: an empty retained publish per topic, one after another, at most
// CLEARS_PER_SECOND, so clearing a subtree never floods the broker; cancellable between topics.
import { errorText } from '../../ui/error-text';

export const CLEARS_PER_SECOND = 10;
const SPACING_MS = 1_000 / CLEARS_PER_SECOND;

/** The answer of one publish, reduced to what the report needs. */
export type ClearOutcome = { ok: true } | { ok: false; message: string };

export interface ClearReport {
  cleared: string[];
  failed: { topic: string; message: string }[];
  cancelled: boolean;
}

export interface ClearDeps {
  publish(topic: string): Promise<ClearOutcome>;
  progress(done: number, total: number): void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function clearRetained(
  topics: readonly string[],
  deps: ClearDeps,
  signal: AbortSignal,
): Promise<ClearReport> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const report: ClearReport = { cleared: [], failed: [], cancelled: false };
  let lastStart = -Infinity;
  for (let i = 0; i < topics.length; i++) {
    // Each publish starts a spacing after the one before, so after a slow acknowledgement no
    // burst catches up: never more than CLEARS_PER_SECOND in any second.
    const wait = lastStart + SPACING_MS - now();
    if (wait > 0) await sleep(wait);
    if (signal.aborted) {
      report.cancelled = true;
      break;
    }
    const topic = topics[i]!;
    lastStart = now();
    try {
      const outcome = await deps.publish(topic);
      if (outcome.ok) report.cleared.push(topic);
      else report.failed.push({ topic, message: outcome.message });
    } catch (error) {
      report.failed.push({
        topic,
        message: errorText(error),
      });
    }
    deps.progress(i + 1, topics.length);
  }
  return report;
}
