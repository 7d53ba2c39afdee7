// The worker entry: wires the MQTT session, the history writer and the UI event hub into the
// one API object the UI calls through Comlink.
import * as Comlink from 'comlink';
import { createEventHub } from './event-hub';
import { createDbConnection } from './history-db';
import { createHistoryStore } from './history-store';
import { createHistoryWriter } from './history-writer';
import { toSummary } from './incoming-message';
import { createMqttSession } from './mqtt-session';
import type { DeckApi, DeckEventListener, WorkerSnapshot } from './protocol';
import { createSettingsStore } from './settings-store';

const db = createDbConnection();
const hub = createEventHub();
const writer = createHistoryWriter({
  store: createHistoryStore(db),
  onEvent: (event) => hub.emit(event),
});
const settings = createSettingsStore(db);

// How long connect() waits for the database (an open blocked by another tab never settles).
const STARTUP_WAIT_MS = 3_000;

let lastId = 0;
// Ids continue after the newest stored message. Without a database, the clock keeps them above
// anything an earlier run stored (ms * 1000 stays below 2^53 for centuries).
const idsFromClock = () => {
  lastId = Math.max(lastId, Date.now() * 1000);
};
const opened = writer.start().then(({ maxId }) => {
  lastId = Math.max(lastId, maxId);
}, idsFromClock);
const started = Promise.race([
  opened.then(() => true),
  new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STARTUP_WAIT_MS)),
]).then((inTime) => {
  if (!inTime) idsFromClock();
});

const session = createMqttSession({
  emit: (event) => hub.emit(event),
  nextId: () => ++lastId,
  sink: (message) => {
    writer.append(message);
    hub.message(toSummary(message));
  },
});

function releaseProxy(listener: DeckEventListener): void {
  const release = (listener as Partial<Comlink.ProxyMethods>)[Comlink.releaseProxy];
  if (typeof release === 'function') release.call(listener);
}

const api = {
  async connect(profile) {
    await started;
    return session.connect(profile);
  },
  disconnect: () => session.disconnect(),
  subscribe: (filter, qos) => session.subscribe(filter, qos),
  unsubscribe: (filter) => session.unsubscribe(filter),
  publish: (topic, payload, options) => session.publish(topic, payload, options),
  async events(listener) {
    const remove = hub.addListener(listener);
    return Comlink.proxy(() => {
      remove();
      releaseProxy(listener);
    });
  },
  async snapshot(): Promise<WorkerSnapshot> {
    const snapshot: WorkerSnapshot = {
      status: session.status(),
      subscriptions: session.subscriptions(),
      stored: writer.stored(),
    };
    const storageError = writer.error();
    if (storageError) snapshot.storageError = storageError;
    return snapshot;
  },
  readHistory: (query) => writer.readPage(query),
  getMessage: (id) => writer.get(id),
  async loadProfile() {
    try {
      return await settings.loadProfile();
    } catch {
      return undefined; // No storage: the form starts from its defaults.
    }
  },
  saveProfile: (profile) => settings.saveProfile(profile),
} satisfies DeckApi;

Comlink.expose(api);

export type WorkerApi = typeof api;
