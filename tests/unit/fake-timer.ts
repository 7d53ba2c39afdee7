// A BatchTimer driven by hand, so batching tests control time: advance(ms) runs what falls due.
import type { BatchTimer } from '../../worker/message-batcher';

export function fakeTimer() {
  let now = 0;
  let seq = 0;
  const tasks = new Map<number, { at: number; run: () => void }>();
  const timer: BatchTimer = {
    set(run, delayMs) {
      seq += 1;
      tasks.set(seq, { at: now + delayMs, run });
      return seq;
    },
    clear: (handle) => void tasks.delete(handle as number),
  };
  function advance(ms: number) {
    const until = now + ms;
    for (;;) {
      const due = [...tasks.entries()]
        .filter(([, task]) => task.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      tasks.delete(due[0]);
      now = due[1].at;
      due[1].run();
    }
    now = until;
  }
  return { timer, advance, pending: () => tasks.size };
}

/** Lets settled promises run their callbacks. */
export const flushPromises = () => new Promise((resolve) => setImmediate(resolve));
