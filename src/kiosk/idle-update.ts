// A kiosk updates itself: it asks for a new version now and then (browsers check only on
// navigation, which a wall screen never does) and applies a waiting one once nobody has touched
// the screen for a while, instead of showing "Reload to update" to a room that cannot click it.
import { createEffect, onCleanup } from 'solid-js';
import { applyUpdate, checkForUpdate, updateWaiting } from '../app/service-worker';

/** No input for this long counts as a quiet moment to reload in. */
export const KIOSK_IDLE_MS = 60_000;
/** How often the kiosk asks the server for a new version. */
export const UPDATE_CHECK_INTERVAL_MS = 30 * 60_000;
/** How often, while an update waits, the kiosk looks whether the screen has gone quiet. */
const IDLE_POLL_MS = 1_000;
/**
 * `?kioskIdleMs=N` before the hash overrides KIOSK_IDLE_MS (100 ms to a day): the browser tests
 * use it to see an update applied without waiting a minute; a site may use it too.
 */
const IDLE_PARAM = 'kioskIdleMs';
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export function kioskIdleMs(search: string): number {
  const n = Number(new URLSearchParams(search).get(IDLE_PARAM) ?? NaN);
  return Number.isInteger(n) && n >= 100 && n <= 86_400_000 ? n : KIOSK_IDLE_MS;
}

export function updateWhenIdle(idleMs: number): void {
  let lastInput = Date.now();
  const mark = () => (lastInput = Date.now());
  for (const type of INPUT_EVENTS) window.addEventListener(type, mark, { passive: true });
  const check = setInterval(checkForUpdate, UPDATE_CHECK_INTERVAL_MS);
  let poll: ReturnType<typeof setInterval> | undefined;
  createEffect(() => {
    if (!updateWaiting() || poll !== undefined) return;
    poll = setInterval(
      () => {
        if (Date.now() - lastInput >= idleMs) {
          clearInterval(poll);
          applyUpdate();
        }
      },
      Math.min(IDLE_POLL_MS, idleMs),
    );
  });
  onCleanup(() => {
    for (const type of INPUT_EVENTS) window.removeEventListener(type, mark);
    clearInterval(check);
    clearInterval(poll);
  });
}
