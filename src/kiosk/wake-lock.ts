// Keeps a kiosk's screen on: holds the Screen Wake Lock, and takes it again whenever the page
// becomes visible (the browser releases it when the page is hidden or the screen locks).
import { createSignal, onCleanup } from 'solid-js';
import { errorText } from '../ui/error-text';

export type WakeLockState =
  | { kind: 'held' }
  | { kind: 'released' }
  | { kind: 'unsupported' }
  | { kind: 'refused'; reason: string };

export function holdWakeLock(): () => WakeLockState {
  const [state, setState] = createSignal<WakeLockState>({ kind: 'released' });
  let sentinel: WakeLockSentinel | undefined;
  let ended = false;

  async function take() {
    if (!('wakeLock' in navigator)) return setState({ kind: 'unsupported' });
    // Only a visible page may hold it; a lock still held needs no second request.
    if (document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
    try {
      const lock = await navigator.wakeLock.request('screen');
      if (ended) return void lock.release();
      sentinel = lock;
      setState({ kind: 'held' });
      lock.addEventListener('release', () => {
        if (sentinel === lock) setState({ kind: 'released' });
      });
    } catch (error) {
      // Refused (battery saver, a policy, no user activation in some browsers): say so; the
      // next time the page becomes visible it asks again.
      setState({ kind: 'refused', reason: errorText(error) });
    }
  }

  const onVisibility = () => {
    if (document.visibilityState === 'visible') void take();
  };
  document.addEventListener('visibilitychange', onVisibility);
  void take();
  onCleanup(() => {
    ended = true;
    document.removeEventListener('visibilitychange', onVisibility);
    void sentinel?.release().catch(() => {});
  });
  return state;
}
