// The connection domain: the profile form, its inline errors, and the status the worker reports.
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import type {
  ConnectOptions,
  ConnectionProfile,
  MqttVersion,
  StatusEvent,
} from '../../worker/protocol';
import {
  MAX_KEEPALIVE_S,
  MAX_SESSION_EXPIRY_S,
  brokerUrlError,
  profileError,
} from '../../worker/profile-validation';
import { validateTopicFilter } from '../../worker/mqtt-topics';
import { connectionId, randomClientId } from '../lib/connection-id';
import type { DeckBridge } from '../worker-bridge';
import { createStoreContext } from './store-context';

const DEFAULT_KEEPALIVE_S = 60;
/** MQTT 5 session expiry of a persistent session: a day, as the worker defaults it. */
const DEFAULT_SESSION_EXPIRY_S = 86_400;
/** Served by the dev server only; production builds have no such file. */
const DEV_BROKER_FILE = './dev-broker.json';

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

export interface ConnectionErrors {
  url?: string;
  keepalive?: string;
  sessionExpiry?: string;
  /** Why the worker would not start the connection. */
  request?: string;
}

interface DevBroker {
  url: string;
  /** Filters to subscribe to on the first connection, so the device's data shows at once. */
  subscribe: string[];
}

async function devBroker(): Promise<DevBroker | undefined> {
  try {
    const response = await fetch(DEV_BROKER_FILE, { cache: 'no-store' });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { url?: unknown; subscribe?: unknown } | null;
    const url = body?.url;
    if (typeof url !== 'string' || brokerUrlError(url) !== null) return undefined;
    const filters = Array.isArray(body?.subscribe) ? body.subscribe : [];
    const subscribe = filters.filter(
      (f): f is string => typeof f === 'string' && validateTopicFilter(f) === null,
    );
    return { url, subscribe };
  } catch {
    return undefined;
  }
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
  const [status, setStatus] = createSignal<StatusEvent>({
    type: 'status',
    state: 'disconnected',
    at: Date.now(),
  });
  const [workerFailure, setWorkerFailure] = createSignal<string>();
  // The saved profile (SavedProfile.key) the form was filled from; undefined for an unsaved one.
  const [savedKey, setSavedKey] = createSignal<string>();
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

    /** Pre-fills the form: the saved profile, else the dev broker, else a blank wss:// URL. */
    async load() {
      const saved = await bridge.loadProfile().catch(() => undefined);
      const dev = saved ? undefined : await devBroker();
      if (edited) return; // the person started typing; their input wins
      if (saved) {
        setForm({
          url: saved.url,
          clientId: saved.clientId || form.clientId,
          username: saved.username,
          password: saved.rememberPassword === true ? saved.password : '',
          keepaliveS: String(saved.keepaliveS),
          cleanStart: saved.cleanStart,
          sessionExpiryS: String(saved.sessionExpiryS ?? DEFAULT_SESSION_EXPIRY_S),
          protocolVersion: saved.protocolVersion,
          rememberPassword: saved.rememberPassword === true,
        });
      } else if (dev) {
        setForm('url', dev.url);
        setSuggestedFilters(dev.subscribe);
      }
    },

    /** `{ takeOver: true }` takes the connection from the tab that holds it (Web Locks). */
    async connect(options: ConnectOptions = {}) {
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
      if (expiryS !== null) profile.sessionExpiryS = expiryS;
      // The worker checks the same rules; checking here keeps its answer next to the form.
      const invalid = profileError(profile);
      if (invalid) {
        setErrors('request', invalid.message);
        return;
      }
      try {
        // Without "Remember password" the password stays in memory only (blanked here and again
        // by the worker); everything else is remembered for next time.
        const saved = profile.rememberPassword ? profile : { ...profile, password: '' };
        void bridge.saveProfile(saved).catch(() => {});
        const result = await bridge.connect(profile, options);
        // Held by another tab: the status says so, with the Take over button (TakeOverNotice).
        if (!result.ok && result.code !== 'open-elsewhere') setErrors('request', result.message);
      } catch (error) {
        setErrors('request', error instanceof Error ? error.message : String(error));
      }
    },

    /** Hands over the first-run filters, once. */
    takeSuggestedFilters(): string[] {
      const filters = suggestedFilters();
      setSuggestedFilters([]);
      return filters;
    },

    async disconnect() {
      try {
        await bridge.disconnect();
      } catch (error) {
        setErrors('request', error instanceof Error ? error.message : String(error));
      }
    },

    /** Applies a status unless a newer one is already shown (a snapshot can trail an event). */
    applyStatus(event: StatusEvent) {
      if (event.at >= status().at || status().state === 'disconnected') setStatus(event);
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

  return { form, errors, status, workerFailure, savedKey, setSavedKey, ...actions };
}

export type ConnectionStore = ReturnType<typeof createConnection>;
export const [ConnectionContext, useConnection] =
  createStoreContext<ConnectionStore>('useConnection');
