// The connection form: a saved-profile picker, broker, identity and session options, Connect and
// Disconnect, Save as profile; while connected, what the broker told us (lazily loaded).
import { For, Show, createSignal } from 'solid-js';
import { chunkView } from '../ui/chunk-view';
import type { MqttVersion } from '../../shared/protocol';
import { useConnection } from './connection';
import { Checkbox, Field, errorAttrs } from '../ui/Field';
import { FormCard } from '../ui/FormCard';
import { TakeOverNotice } from './TakeOverNotice';

const TEXT_INPUT = { autocomplete: 'off', autocapitalize: 'off', spellcheck: false } as const;

const BrokerInfo = chunkView(() => import('../profiles/BrokerInfo'), 'The broker limits');

/** The saved profiles, compact: choosing one fills the form; the view manages them. */
function ProfilePicker() {
  const connection = useConnection();
  const [note, setNote] = createSignal('');
  // In the Profiles chunk: the first paint does not carry it.
  const saveAs = async () =>
    setNote(await (await import('../profiles/save-as')).saveAs(connection));
  return (
    <>
      <Field label="Saved profile" for="saved-profile">
        <select
          id="saved-profile"
          value={connection.savedKey() ?? ''}
          onChange={(e) => {
            const saved = connection.savedProfiles().find((s) => s.key === e.currentTarget.value);
            if (saved) connection.fill(saved.profile, saved.key);
            else connection.setSavedKey(undefined);
          }}
        >
          <option value="">Not saved</option>
          <For each={connection.savedProfiles()}>
            {(saved) => <option value={saved.key}>{saved.name}</option>}
          </For>
        </select>
      </Field>
      <div class="inline-form">
        <button type="button" class="btn small" onClick={() => void saveAs()}>
          Save as profile
        </button>
        <a class="btn small" href="#/profiles">
          Manage profiles
        </a>
        <span class="field-hint" aria-live="polite">
          {note()}
        </span>
      </div>
    </>
  );
}

export function ConnectionPanel() {
  const connection = useConnection();
  const state = () => connection.status().state;

  return (
    <FormCard id="connection" title="Connection" onSubmit={() => void connection.connect()}>
      <ProfilePicker />
      <Field label="Broker URL" for="broker-url" error={connection.errors.url}>
        <input
          id="broker-url"
          class="mono"
          type="text"
          inputmode="url"
          placeholder="wss://broker.example.com:8884/mqtt"
          value={connection.form.url}
          onInput={(e) => connection.setField('url', e.currentTarget.value)}
          {...TEXT_INPUT}
          {...errorAttrs('broker-url', connection.errors.url)}
        />
      </Field>
      <div class="row-2">
        <Field label="Client ID" for="client-id">
          <input
            id="client-id"
            class="mono"
            type="text"
            value={connection.form.clientId}
            onInput={(e) => connection.setField('clientId', e.currentTarget.value)}
            {...TEXT_INPUT}
          />
        </Field>
        <Field label="Keepalive" for="keepalive" error={connection.errors.keepalive} class="narrow">
          <div class="with-unit">
            <input
              id="keepalive"
              type="number"
              inputmode="numeric"
              min="0"
              max="65535"
              value={connection.form.keepaliveS}
              onInput={(e) => connection.setField('keepaliveS', e.currentTarget.value)}
              {...errorAttrs('keepalive', connection.errors.keepalive)}
            />
            <span class="unit" aria-hidden="true">
              s
            </span>
          </div>
        </Field>
      </div>
      <div class="row-2">
        <Field label="Username" for="username">
          <input
            id="username"
            type="text"
            autocomplete="username"
            autocapitalize="off"
            value={connection.form.username}
            onInput={(e) => connection.setField('username', e.currentTarget.value)}
          />
        </Field>
        <Field label="Password" for="password">
          <input
            id="password"
            type="password"
            autocomplete="current-password"
            value={connection.form.password}
            onInput={(e) => connection.setField('password', e.currentTarget.value)}
          />
        </Field>
      </div>
      <Checkbox
        label="Remember password"
        checked={connection.form.rememberPassword}
        onChange={(checked) => connection.setField('rememberPassword', checked)}
      />
      <div class="row-2 align-end">
        <Field label="MQTT version" for="mqtt-version">
          <select
            id="mqtt-version"
            value={String(connection.form.protocolVersion)}
            onChange={(e) =>
              connection.setField('protocolVersion', Number(e.currentTarget.value) as MqttVersion)
            }
          >
            <option value="4">3.1.1</option>
            <option value="5">5.0</option>
          </select>
        </Field>
        <Checkbox
          label="Clean start"
          checked={connection.form.cleanStart}
          onChange={(checked) => connection.setField('cleanStart', checked)}
        />
      </div>
      {/* Clean start off, under the saved client ID: the broker keeps QoS 1/2 messages meanwhile. */}
      <div class="row-2 align-end">
        <Checkbox
          label="Persistent session"
          checked={!connection.form.cleanStart}
          onChange={(checked) => connection.setField('cleanStart', !checked)}
        />
        <Show when={connection.form.protocolVersion === 5}>
          <Field
            label="Session expiry (s)"
            for="session-expiry"
            error={connection.errors.sessionExpiry}
            class="narrow"
          >
            <input
              id="session-expiry"
              type="number"
              inputmode="numeric"
              min="0"
              value={connection.form.sessionExpiryS}
              onInput={(e) => connection.setField('sessionExpiryS', e.currentTarget.value)}
              {...errorAttrs('session-expiry', connection.errors.sessionExpiry)}
            />
          </Field>
        </Show>
      </div>
      <div class="actions">
        <button
          type="submit"
          class="btn primary"
          disabled={connection.workerFailure() !== undefined}
        >
          Connect
        </button>
        <button
          type="button"
          class="btn"
          disabled={state() === 'disconnected'}
          onClick={() => void connection.disconnect()}
        >
          Disconnect
        </button>
      </div>
      <Show when={state() === 'connected'}>
        <BrokerInfo />
      </Show>
      <TakeOverNotice />
      <Show when={connection.errors.request}>
        <p class="form-error" role="alert">
          {connection.errors.request}
        </p>
      </Show>
    </FormCard>
  );
}
