// The History view's Storage section: persistence, the browser's usage and quota, history's own
// totals, the storage error if any, and the retention policy's form.
import { For, Show, createEffect, onCleanup, onMount } from 'solid-js';
import { formatBytes, formatCount } from '../../ui/payload-format';
import { formatDateTime } from '../../ui/time-format';
import { useHistory } from '../../messages/stored-history';
import { useRetention, type RetentionForm } from './retention';
import { useStorage } from './storage';
import { Field } from '../../ui/Field';

/** Usage, quota and totals are read again this often while the page is visible. */
const STORAGE_REFRESH_MS = 5_000;

const percent = (part: number, whole: number) =>
  whole > 0 ? `${((part / whole) * 100).toFixed(part / whole < 0.1 ? 1 : 0)}%` : '';

function Persistence() {
  const storage = useStorage();
  return (
    <div class="field">
      <p>
        Persistent storage:{' '}
        <strong aria-label="Persistent storage">
          {storage.persisted() === undefined ? 'unknown' : storage.persisted() ? 'on' : 'off'}
        </strong>
      </p>
      <p class="muted small">
        {storage.persisted()
          ? 'The browser keeps history until you clear it.'
          : 'The browser may delete history when the device runs low on space.'}
      </p>
      <Show when={storage.persisted() === false}>
        <button type="button" class="btn small" onClick={() => void storage.requestPersist()}>
          Keep data on this device
        </button>
        <Show when={storage.declined()}>
          <p class="muted small" role="status">
            The browser declined for now. Browsers grant it to apps that are installed, bookmarked
            or used often: install MQTT Deck and ask again.
          </p>
        </Show>
      </Show>
    </div>
  );
}

const RETENTION_FIELDS: { key: keyof RetentionForm; id: string; label: string }[] = [
  { key: 'maxMessages', id: 'retention-messages', label: 'Maximum messages' },
  { key: 'maxMegabytes', id: 'retention-megabytes', label: 'Maximum payload size (MB)' },
  { key: 'maxQuotaPercent', id: 'retention-quota', label: 'Maximum share of quota (%)' },
  { key: 'maxAgeDays', id: 'retention-days', label: 'Maximum age (days)' },
];

function RetentionFormView() {
  const retention = useRetention();
  return (
    <form
      class="form"
      novalidate
      aria-label="Retention"
      onSubmit={(event) => {
        event.preventDefault();
        void retention.saveRetention();
      }}
    >
      <p class="muted small">
        Beyond any limit the oldest history is pruned in the background. Outgoing messages and QoS
        state are never pruned.
      </p>
      <For each={RETENTION_FIELDS}>
        {(field) => (
          <Field label={field.label} for={field.id}>
            <input
              type="text"
              id={field.id}
              inputmode="decimal"
              value={retention.form[field.key]}
              onInput={(e) => retention.setField(field.key, e.currentTarget.value)}
            />
          </Field>
        )}
      </For>
      <Show when={retention.formError()}>
        {(error) => (
          <p class="form-error" role="alert">
            {error()}
          </p>
        )}
      </Show>
      <p class="muted small" role="status">
        {retention.saved() ?? ''}
      </p>
      <button type="submit" class="btn primary">
        Save retention
      </button>
    </form>
  );
}

export function StoragePanel() {
  const retention = useRetention();
  const history = useHistory();
  onMount(() => {
    void retention.refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void retention.refresh();
    }, STORAGE_REFRESH_MS);
    onCleanup(() => clearInterval(timer));
  });
  // A write failing or recovering changes what the section says: read it again at once.
  createEffect(() => {
    history.error();
    void retention.refresh();
  });
  const info = () => retention.info();
  return (
    <section class="card" aria-labelledby="storage-title">
      <h2 id="storage-title" class="card-title">
        Storage
      </h2>
      <Persistence />
      <Show when={info()?.quota}>
        {(quota) => (
          <p>
            Browser storage:{' '}
            <span aria-label="Storage used">
              {formatBytes(info()?.usage ?? 0)} of {formatBytes(quota())} (
              {percent(info()?.usage ?? 0, quota())})
            </span>
            <meter
              class="storage-meter"
              min={0}
              max={quota()}
              value={info()?.usage ?? 0}
              aria-hidden
            />
          </p>
        )}
      </Show>
      <p>
        History: <span aria-label="History messages">{formatCount(info()?.messages ?? 0)}</span>{' '}
        messages, <span aria-label="History payloads">{formatBytes(info()?.bytes ?? 0)}</span> of
        payloads in {formatCount(info()?.segments ?? 0)} segments
      </p>
      <Show when={info()?.oldestTime}>
        {(time) => <p class="muted small">Oldest message: {formatDateTime(time())}</p>}
      </Show>
      <Show when={info()?.lastPrune}>
        {(prune) => (
          <p class="muted small" aria-label="Last prune">
            Pruned {formatCount(prune().messages)} messages ({prune().segments} segments) at{' '}
            {formatDateTime(prune().at)}
          </p>
        )}
      </Show>
      <Show when={history.error()}>{(error) => <p class="form-error">{error().message}</p>}</Show>
      <RetentionFormView />
    </section>
  );
}

/** The History view loads this section as a chunk of its own, after the first paint. */
export default StoragePanel;
