// The connection domain: the profile form (it edits the selected connection), its inline errors,
// the saved profiles it can be filled from, and the status of every connection the worker holds.
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import type {
  ConnectOptions,
  ConnectionProfile,
  MqttVersion,
  SavedProfile,
  StatusEvent,
} from '../../shared/protocol';
import {
  MAX_KEEPALIVE_S,
  MAX_SESSION_EXPIRY_S,
  brokerUrlError,
} from '../../shared/profiles/broker-url';
import { connectionId, randomClientId } from './connection-id';
import type { DeckBridge } from '../worker-bridge';
import { createConnections } from './connections';
import { devBroker } from './dev-broker';
import { createStoreContext } from '../ui/store-context';
import { errorText } from '../ui/error-text';

const DEFAULT_KEEPALIVE_S = 60;
/** MQTT 5 session expiry of a persistent session: a day, as the worker defaults it. */
const DEFAULT_SESSION_EXPIRY_S = 86_400;

export interface ConnectionForm {
  url: string;
  clientId: string;
  username: string;
  password: string;
  keepaliveS: string;
  /** Off = "Persistent session": the broker keeps the session under the (saved) client ID. */
  cleanStart: boolean;
  /** MQTT 5 only, with clean start off. */
  sessionExpiryS: string;
  protocolVersion: MqttVersion;
  /** Off by default: the password is kept on the device only when the user asks for it. */
  rememberPassword: boolean;
}

/** What a profile holds beyond the form's fields: kept from the profile it was filled from. */
type ProfileExtras = Pick<
  ConnectionProfile,
  'fallbackUrls' | 'will' | 'connectProperties' | 'reconnect'
>;

const extrasOf = (p: ConnectionProfile): ProfileExtras => ({
  fallbackUrls: p.fallbackUrls,
  will: p.will,
  connectProperties: p.connectProperties,
  reconnect: p.reconnect,
});

export interface ConnectionErrors {
  url?: string;
  keepalive?: string;
  sessionExpiry?: string;
  /** Why the worker would not start the connection. */
  request?: string;
}

function parseSeconds(text: string, max: number): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= max ? n : null;
}

const parseKeepalive = (text: string) => parseSeconds(text, MAX_KEEPALIVE_S);

export function createConnection(bridge: DeckBridge) {
  const [form, setForm] = createStore<ConnectionForm>({
    url: 'wss://',
    clientId: randomClientId(),
    username: '',
    password: '',
    keepaliveS: String(DEFAULT_KEEPALIVE_S),
    cleanStart: true,
    sessionExpiryS: String(DEFAULT_SESSION_EXPIRY_S),
    // Aedes and many hosted brokers speak 3.1.1 only; 5.0 is one click away.
    protocolVersion: 4,
    rememberPassword: false,
  });
  const [errors, setErrors] = createStore<ConnectionErrors>({});
  // The status before any connection (or of a worker that names none), and of a dead worker.
  const [baseStatus, setStatus] = createSignal<StatusEvent>({
    type: 'status',
    state: 'disconnected',
    at: Date.now(),
  });
  const [workerFailure, setWorkerFailure] = createSignal<string>();
  // The saved profile (SavedProfile.key) the form was filled from; undefined for an unsaved one.
  const [savedKey, setSavedKey] = createSignal<string>();
  const [savedProfiles, setSavedProfiles] = createSignal<SavedProfile[]>([]);
  let extras: ProfileExtras = {};
  const conns = createConnections();
  // Profiles connected from this page, so selecting one fills the form with all of it.
  const connected = new Map<string, ConnectionProfile>();
  /** The selected connection's status: what the badge, the banner and the form show. */
  const status = (): StatusEvent => {
    const id = conns.selectedId();
    const own = id === undefined ? undefined : conns.statuses[id];
    return workerFailure() !== undefined || !own ? baseStatus() : own;
  };
  // First run against the dev broker: filters to subscribe to once connected, then forgotten.
  const [suggestedFilters, setSuggestedFilters] = createSignal<string[]>([]);
  let edited = false;

  const actions = {
    setField<K extends keyof ConnectionForm>(key: K, value: ConnectionForm[K]) {
      edited = true;
      setForm(key, value);
      if (key === 'url') setErrors({ url: undefined, request: undefined });
      if (key === 'keepaliveS') setErrors('keepalive', undefined);
      if (key === 'sessionExpiryS') setErrors('sessionExpiry', undefined);
    },

    /** Fills the form from `profile` (a saved one or the last used). */
    fill(profile: ConnectionProfile, key?: string) {
      edited = true;
      extras = extrasOf(profile);
      setSavedKey(key);
      setErrors({});
      setForm({
        url: profile.url,
        clientId: profile.clientId || form.clientId,
        username: profile.username,
        password: profile.rememberPassword === true ? profile.password : '',
        keepaliveS: String(profile.keepaliveS),
        cleanStart: profile.cleanStart,
        sessionExpiryS: String(profile.sessionExpiryS ?? DEFAULT_SESSION_EXPIRY_S),
        protocolVersion: profile.protocolVersion,
        rememberPassword: profile.rememberPassword === true,
      });
    },

    /** Reads the saved profiles again (after the Profiles view changed them). */
    async refreshProfiles(): Promise<SavedProfile[]> {
      // No storage: the list stays as it was.
      const list = await bridge.listProfiles().catch(() => undefined);
      if (list === undefined) return savedProfiles();
      setSavedProfiles(list);
      if (!list.some((s) => s.key === savedKey())) setSavedKey(undefined);
      return list;
    },

    /** Pre-fills the form: the last used profile, else the dev broker, else a blank wss:// URL. */
    async load() {
      const [saved, list] = await Promise.all([
        bridge.loadProfile().catch(() => undefined),
        actions.refreshProfiles(),
      ]);
      const dev = saved ? undefined : await devBroker();
      if (edited) return; // the person started typing; their input wins
      if (saved) {
        // The saved entry it came from, when it still matches, so its saved payloads show.
        const from = list.find(
          (s) => s.profile.url === saved.url && s.profile.clientId === saved.clientId,
        );
        actions.fill(saved, from?.key);
        edited = false;
      } else if (dev) {
        setForm('url', dev.url);
        setSuggestedFilters(dev.subscribe);
      }
    },

    /** The form as a profile, or undefined (with the inline errors set) when it cannot be one. */
    formProfile(): ConnectionProfile | undefined {
      const urlError = brokerUrlError(form.url);
      const keepaliveS = parseKeepalive(form.keepaliveS);
      const expiryS = parseSeconds(form.sessionExpiryS, MAX_SESSION_EXPIRY_S);
      // Only a persistent MQTT 5 session sends it; elsewhere a bad value is just not used.
      const expiryUsed = form.protocolVersion === 5 && !form.cleanStart;
      setErrors({
        url: urlError ?? undefined,
        keepalive:
          keepaliveS === null ? `Keepalive is whole seconds, 0 to ${MAX_KEEPALIVE_S}.` : undefined,
        sessionExpiry:
          expiryUsed && expiryS === null
            ? `Session expiry is whole seconds, 0 to ${MAX_SESSION_EXPIRY_S}.`
            : undefined,
        request: undefined,
      });
      if (urlError !== null || keepaliveS === null || (expiryUsed && expiryS === null)) return;
      const url = form.url.trim();
      const profile: ConnectionProfile = {
        ...extras,
        id: connectionId(url, form.clientId),
        url,
        clientId: form.clientId.trim(),
        username: form.username,
        password: form.password,
        keepaliveS,
        cleanStart: form.cleanStart,
        protocolVersion: form.protocolVersion,
        rememberPassword: form.rememberPassword,
      };
      for (const key of Object.keys(extras) as (keyof ProfileExtras)[]) {
        if (profile[key] === undefined) delete profile[key];
      }
      if (expiryS !== null) profile.sessionExpiryS = expiryS;
      // The rest of the rules (profile-validation.ts) are the worker's: its refusal is shown in
      // `errors.request`, next to the form, without that code in the first paint.
      return profile;
    },

    /**
     * Connects the form's profile. Another URL or client ID than the selected open connection
     * replaces it (the form was editing it); after newConnection() it opens beside the others.
     * `{ takeOver: true }` takes the connection from the tab that holds it (Web Locks).
     */
    async connect(options: ConnectOptions = {}) {
      const profile = actions.formProfile();
      if (!profile) return;
      const selected = conns.selectedId();
      const open = selected !== undefined && (conns.statuses[selected]?.state ?? 'disconnected');
      if (open && open !== 'disconnected' && selected !== profile.id && !options.replace) {
        options = { ...options, replace: selected };
      }
      conns.select(profile.id);
      connected.set(profile.id, profile);
      try {
        // Without "Remember password" the password stays in memory only (blanked here and again
        // by the worker); everything else is remembered for next time.
        const saved = profile.rememberPassword ? profile : { ...profile, password: '' };
        const result = await bridge.connect(profile, options);
        // Held by another tab: the status says so, with the Take over button (TakeOverNotice).
        if (!result.ok && result.code !== 'open-elsewhere') {
          setErrors('request', result.message);
          // Refused before anything changed: the connection the form was editing stays chosen.
          if (selected !== undefined) conns.select(selected);
          return; // a profile the worker refused is not remembered
        }
        void bridge.saveProfile(saved).catch(() => {});
      } catch (error) {
        setErrors('request', errorText(error));
      }
    },

    /** Hands over the first-run filters, once. */
    takeSuggestedFilters(): string[] {
      const filters = suggestedFilters();
      setSuggestedFilters([]);
      return filters;
    },

    /** Ends connection `id`, the selected one by default; the others stay open. */
    async disconnect(id = conns.selectedId()) {
      if (id === undefined) return; // nothing selected: never "every connection" by accident
      try {
        await bridge.disconnect(id);
      } catch (error) {
        setErrors('request', errorText(error));
      }
    },

    /** Applies a status unless a newer one is already shown (a snapshot can trail an event). */
    applyStatus(event: StatusEvent) {
      if (event.connectionId !== undefined) conns.apply(event.connectionId, event);
      else if (event.at >= baseStatus().at || baseStatus().state === 'disconnected')
        setStatus(event);
    },

    /** The worker is gone: nothing can connect until the page reloads, and the status says so. */
    failWorker(message: string) {
      setWorkerFailure(message);
      setStatus({
        type: 'status',
        state: 'error',
        error: { code: 'unknown', message },
        at: Date.now(),
      });
    },
  };

  return {
    form,
    errors,
    status,
    /** Every connection seen, oldest first; the open ones; each one's status; the selected. */
    ids: conns.ids,
    openIds: conns.openIds,
    statuses: conns.statuses,
    selectedId: conns.selectedId,
    /** Selects a connection (undefined: none, so the next Connect opens one beside the others). */
    select: conns.select,
    /** The profile connection `id` was opened with from this page, if it was. */
    profileOf: (id: string) => connected.get(id),
    workerFailure,
    savedKey,
    setSavedKey,
    savedProfiles,
    ...actions,
  };
}

export type ConnectionStore = ReturnType<typeof createConnection>;
export const [ConnectionContext, useConnection] =
  createStoreContext<ConnectionStore>('useConnection');
