// The one line of chrome a kiosk shows: the dashboard's name, the connection in words (why it is
// down and when it tries again), a screen that may sleep, and the Full screen button where the
// browser allows it (it needs a click; an installed app in standalone display has no browser UI).
import { Show, createSignal, onCleanup } from 'solid-js';
import type { StatusEvent } from '../../shared/protocol';
import { hashOf } from '../app/route';
import { statusWords } from '../connection/status-text';
import { updateWaiting } from '../app/service-worker';
import type { WakeLockState } from './wake-lock';

function useFullscreen() {
  const [active, setActive] = createSignal(document.fullscreenElement !== null);
  const sync = () => setActive(document.fullscreenElement !== null);
  document.addEventListener('fullscreenchange', sync);
  onCleanup(() => document.removeEventListener('fullscreenchange', sync));
  // Already without browser UI: installed and opened standalone, or fullscreen by other means.
  const chromeless = matchMedia('(display-mode: standalone), (display-mode: fullscreen)').matches;
  const offered = () => document.fullscreenEnabled && !chromeless && !active();
  const enter = () => {
    document.documentElement.requestFullscreen({ navigationUI: 'hide' }).catch(() => {
      // Refused (no user gesture, a policy): the button stays for another try.
    });
  };
  return { offered, enter };
}

export function KioskStatusLine(props: {
  name: string;
  status: StatusEvent;
  problem: string | undefined;
  retryAt: number | undefined;
  now: number;
  wakeLock: WakeLockState;
}) {
  const fullscreen = useFullscreen();
  const tone = () => {
    if (props.status.state === 'connected') return 'ok';
    return props.problem || props.status.state === 'error' ? 'bad' : 'warn';
  };
  const words = () => {
    const w = statusWords(props.status);
    // A refusal or a missing password is worded by the kiosk, with what to do about it.
    if (props.problem && props.status.state !== 'connected') return props.problem;
    return w.label;
  };
  const retryIn = () =>
    props.retryAt === undefined || props.status.state === 'connected'
      ? undefined
      : Math.max(0, Math.ceil((props.retryAt - props.now) / 1_000));
  return (
    <footer class="kiosk-status" data-tone={tone()}>
      <span class="kiosk-name">{props.name}</span>
      <span class="kiosk-connection" role="status">
        <span class="kiosk-dot" aria-hidden="true" />
        {words()}
        <Show when={retryIn()}>{(s) => ` · trying again in ${s()} s`}</Show>
      </span>
      <Show when={props.wakeLock.kind === 'refused' || props.wakeLock.kind === 'unsupported'}>
        <span class="kiosk-note">The screen may turn off (no wake lock).</span>
      </Show>
      <Show when={updateWaiting()}>
        <span class="kiosk-note">Update ready: applies when idle.</span>
      </Show>
      <span class="kiosk-actions">
        <Show when={fullscreen.offered()}>
          <button type="button" class="btn small" onClick={() => fullscreen.enter()}>
            Full screen
          </button>
        </Show>
        <a class="kiosk-exit" href={hashOf('dashboards')}>
          Exit kiosk
        </a>
      </span>
    </footer>
  );
}
