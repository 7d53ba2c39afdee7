// One saved profile in the list: its name, URL and MQTT version, and its actions; Delete asks
// first, in words, inside the card.
import { Show, createSignal } from 'solid-js';
import type { SavedProfile } from '../../shared/protocol';

export function ProfileCard(props: {
  saved: SavedProfile;
  first: boolean;
  last: boolean;
  onConnect: () => void;
  onEdit: () => void;
  onDuplicate: () => void;
  /** `control` names the button pressed, so focus can follow the moved card. */
  onMove: (by: -1 | 1, control: string) => void;
  onDelete: () => void;
}) {
  const [confirming, setConfirming] = createSignal(false);
  const headingId = () => `profile-${props.saved.key}`;
  const extraUrls = () => props.saved.profile.fallbackUrls?.length ?? 0;
  return (
    <li data-key={props.saved.key}>
      <article class="profile-card" aria-labelledby={headingId()}>
        <h3 id={headingId()}>{props.saved.name}</h3>
        <p class="mono profile-url">{props.saved.profile.url}</p>
        <p class="muted">
          MQTT {props.saved.profile.protocolVersion === 5 ? '5.0' : '3.1.1'}
          {extraUrls() > 0 ? ` · ${extraUrls()} fallback URL${extraUrls() === 1 ? '' : 's'}` : ''}
          {props.saved.profile.will ? ' · last will' : ''}
        </p>
        <Show
          when={confirming()}
          fallback={
            <div class="actions">
              <button type="button" class="btn primary" onClick={() => props.onConnect()}>
                Connect
              </button>
              <button type="button" class="btn" onClick={() => props.onEdit()}>
                Edit
              </button>
              <button type="button" class="btn" onClick={() => props.onDuplicate()}>
                Duplicate
              </button>
              <button
                type="button"
                class="btn"
                data-act="up"
                disabled={props.first}
                onClick={() => props.onMove(-1, 'up')}
              >
                Move up
              </button>
              <button
                type="button"
                class="btn"
                data-act="down"
                disabled={props.last}
                onClick={() => props.onMove(1, 'down')}
              >
                Move down
              </button>
              <button type="button" class="btn danger" onClick={() => setConfirming(true)}>
                Delete
              </button>
            </div>
          }
        >
          <div class="confirm" role="alert">
            <p>Delete the profile "{props.saved.name}" and its saved payloads? History is kept.</p>
            <div class="actions">
              <button type="button" class="btn danger" onClick={() => props.onDelete()}>
                Delete profile
              </button>
              <button type="button" class="btn" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </div>
          </div>
        </Show>
      </article>
    </li>
  );
}
