// The worker entry: wires the MQTT session, the history writer and the UI event hub into the
// one API object the UI calls through Comlink.
import * as Comlink from 'comlink';
import { createEventHub, previewBuffers } from './event-hub';
import { createDbConnection } from './history-db';
import { createHistoryStore } from './history-store';
import { createHistoryWriter } from './history-writer';
import { createMqttSession } from './mqtt-session';
import type { DeckApi, DeckEventListener, WorkerSnapshot } from './protocol';
import { qosStateOpener } from './qos-state';
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
  // QoS 0 gets no promise; a QoS 1/2 message is acknowledged once its segment committed.
  sink: (message, release) => {
    hub.message(message);
    return writer.append(message, release);
  },
  openQosState: qosStateOpener(db),
});

// Back online: the broker may be reachable now, so waiting out the backoff only wastes time.
self.addEventListener('online', () => session.retryNow());

let listeners = 0;

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
  async retryNow() {
    session.retryNow();
  },
  subscribe: (filter, qos) => session.subscribe(filter, qos),
  unsubscribe: (filter) => session.unsubscribe(filter),
  publish: (topic, payload, options) => session.publish(topic, payload, options),
  async events(listener) {
    listeners += 1;
    // The previews' buffers are the post's own: moved to the page, not copied, unless another
    // listener still has to be sent the same batch.
    const remove = hub.addListener((batch) =>
      listener(listeners === 1 ? Comlink.transfer(batch, previewBuffers(batch)) : batch),
    );
    let removed = false;
    return Comlink.proxy(() => {
      if (removed) return;
      removed = true;
      listeners -= 1;
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
