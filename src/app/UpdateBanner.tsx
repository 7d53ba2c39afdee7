// "A new version is ready": a banner that blocks nothing, with the one button that applies it.
import { Show } from 'solid-js';
import { applyUpdate, updateWaiting } from './service-worker';

export function UpdateBanner() {
  return (
    <Show when={updateWaiting()}>
      <div class="banner info update" role="status">
        <span>A new version of MQTT Deck is ready.</span>
        <button type="button" class="btn small primary" onClick={applyUpdate}>
          Reload to update
        </button>
      </div>
    </Show>
  );
}
