// The worker entry: wires the MQTT session, the history writer and the UI event hub into the
// one API object the UI calls through Comlink.
import * as Comlink from 'comlink';
import { createCaptures } from './captures';
import { createConnectionLogger } from './connection-log';
import type { Connections } from './connections';
import { createDashboardStore } from './dashboard-store';
import { createDecoderRulesStore } from './decoder-rules-store';
import { createEventHub, previewBuffers } from './event-hub';
import { createDbConnection } from './history-db';
import { createHistorySources } from './history-sources';
import { createHistoryStore } from './history-store';
import { createHistoryWriter } from './history-writer';
import { lazyRetention } from './lazy-retention';
import { createOutbox } from './outbox';
import { createOutboxDb } from './outbox-db';
import type { ProfilesStore } from './profiles-store';
import { createPublishedRecorder } from './published-history';
import type { DeckApi, WorkerSnapshot } from './protocol';
import { createSettingsStore } from './settings-store';
import type { TemplatesStore } from './templates-store';
import { createTransfers } from './transfers';

const db = createDbConnection();
const hub = createEventHub();
const historyStore = createHistoryStore(db);
const writer = createHistoryWriter({
  store: historyStore,
  onEvent: (event) => hub.emit(event),
  onCommitted: (messages, bytes) => retention.committed(messages, bytes),
  onQuotaExceeded: () => retention.quotaExceeded(),
});
// Prunes history to the policy in the background; never touches QoS state or the outbox.
const retention = lazyRetention({
  db,
  onPruned: (messages) => writer.pruned(messages),
  failing: () => writer.error() !== undefined,
  retryWrites: () => writer.retryNow(),
});
// Live history or an imported capture: every explorer read picks its source here.
const captures = createCaptures(db);
const sources = createHistorySources({ live: historyStore, writer, captures });
const transfers = createTransfers();
const settings = createSettingsStore(db);
const dashboards = createDashboardStore(db);
const decoderRules = createDecoderRulesStore(db);
// Saved profiles and payloads are read when their views open: chunks of their own.
let savedStores: Promise<[ProfilesStore, TemplatesStore]> | undefined;
const saved = () =>
  (savedStores ??= Promise.all([
    import('./profiles-store').then(({ createProfilesStore }) => createProfilesStore(db)),
    import('./templates-store').then(({ createTemplatesStore }) => createTemplatesStore(db)),
  ]));
// Every publish, queued in IndexedDB until acknowledged; sent by its own connection's client.
// Each publish, once first handed to mqtt.js, goes to history too (flagged published).
const outbox = createOutbox({
  db: createOutboxDb(db),
  emit: (event) => hub.emit(event),
  onHandedOver: createPublishedRecorder({
    nextId: () => ++lastId,
    append: (message) => writer.append(message),
  }),
});
// Connected, lost, refused: the explorer's timeline, from the status events emitted below, each
// under its own connection.
const connectionLog = createConnectionLogger(db, () => '');

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
void opened.then(() => retention.start());
const started = Promise.race([
  opened.then(() => true),
  new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STARTUP_WAIT_MS)),
]).then((inTime) => {
  if (!inTime) idsFromClock();
});

const startedAt = Date.now();
let connections: Connections | undefined;
let loadingConnections: Promise<Connections> | undefined;
/**
 * The connections' chunk (registry, sessions, tab gates, QoS state; mqtt.js after it, once for
 * all of them), fetched when first needed.
 */
const connectionStacks = () =>
  (loadingConnections ??= import('./connections').then(({ createConnections }) => {
    connections = createConnections({
      db,
      emit: (event) => {
        if (event.type === 'status') connectionLog.observe(event);
        hub.emit(event);
      },
      nextId: () => ++lastId,
      // QoS 0 gets no promise; a QoS 1/2 message is acknowledged once its segment committed.
      sink: (message, release) => {
        hub.message(message);
        outbox.observe(message); // the answer to a request? (one map lookup)
        return writer.append(message, release);
      },
      outbox,
      detach: (connectionId) => outbox.detach(connectionId),
    });
    return connections;
  }));

// Back online: the brokers may be reachable now, so waiting out the backoff only wastes time.
self.addEventListener('online', () => connections?.retryNow());

const savedProfile = () => settings.loadProfile().catch(() => undefined);

let listeners = 0;

function releaseProxy(listener: object): void {
  const release = (listener as Partial<Comlink.ProxyMethods>)[Comlink.releaseProxy];
  if (typeof release === 'function') release.call(listener);
}

const api = {
  async connect(profile, options) {
    await started;
    await outbox.ready;
    return (await connectionStacks()).connect(profile, options);
  },
  async disconnect(connectionId) {
    if (loadingConnections) await (await loadingConnections).disconnect(connectionId);
  },
  async retryNow() {
    connections?.retryNow();
  },
  subscribe: async (filter, qos, options, connectionId) =>
    (await connectionStacks()).subscribe(filter, qos, options, connectionId),
  unsubscribe: async (filter, connectionId) =>
    (await connectionStacks()).unsubscribe(filter, connectionId),
  async publish(topic, payload, options, connectionId) {
    // Never connected in this tab: queue for the saved profile (what the form shows).
    const target = connections?.profile(connectionId);
    if (target && !('id' in target)) return { ok: false, ...target };
    const profile = target ?? (connectionId === undefined ? await savedProfile() : undefined);
    return outbox.publish(profile, topic, payload, options);
  },
  outbox: () => outbox.list(),
  cancelOutgoing: (seq) => outbox.cancel(seq),
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
    // Before the first Connect the connections' chunk is not loaded: nothing to report but that.
    const snapshot: WorkerSnapshot = {
      status: connections?.status() ?? { type: 'status', state: 'disconnected', at: startedAt },
      subscriptions: connections?.subscriptions() ?? [],
      connections: connections?.list() ?? [],
      stored: writer.stored(),
    };
    const storageError = writer.error();
    if (storageError) snapshot.storageError = storageError;
    return snapshot;
  },
  readHistory: (query) => sources.readPage(query),
  countHistory: (query) => sources.count(query),
  getMessage: (id, source) => sources.get(id, source),
  readConnectionLog: (query) => sources.connectionLog(query),
  topicStats: (source) => sources.topicStats(source),
  topLevelUsage: (source) => sources.topLevelUsage(source),
  listCaptures: () => captures.list(),
  deleteCapture: (id) => captures.remove(id),
  // Export, import and charts are chunks of their own, fetched on first use.
  async exportHistory(request, progress) {
    const { exportHistory } = await import('./history-export');
    return exportHistory({ sources, transfers }, request, progress).finally(() =>
      releaseProxy(progress),
    );
  },
  async importCapture(request, progress) {
    const { importCapture } = await import('./history-import');
    return importCapture({ captures, transfers }, request, progress).finally(() =>
      releaseProxy(progress),
    );
  },
  cancelTransfer: async (jobId) => transfers.cancel(jobId),
  async historySeries(query) {
    const { readSeries } = await import('./history-series');
    return readSeries(sources, query);
  },
  async loadProfile() {
    try {
      return await settings.loadProfile();
    } catch {
      return undefined; // No storage: the form starts from its defaults.
    }
  },
  saveProfile: (profile) => settings.saveProfile(profile),
  listProfiles: async () => (await saved())[0].list(),
  putProfile: async (entry) => (await saved())[0].put(entry),
  async deleteProfile(key) {
    const [profiles, templates] = await saved();
    await profiles.remove(key);
    await templates.removeCollection(key);
  },
  orderProfiles: async (keys) => (await saved())[0].order(keys),
  listTemplates: async (profileKey) => (await saved())[1].list(profileKey),
  saveTemplates: async (profileKey, list) => (await saved())[1].save(profileKey, list),
  async storageInfo() {
    // A chunk of its own, with retention: the Storage section asks after the first paint.
    const { readStorageInfo } = await import('./storage-info');
    return readStorageInfo({ db, store: historyStore, writer, retention });
  },
  setRetention: (policy) => retention.setPolicy(policy),
  listDashboards: () => dashboards.list(),
  saveDashboard: (dashboard) => dashboards.save(dashboard),
  deleteDashboard: (id) => dashboards.remove(id),
  loadDecoderRules: () => decoderRules.load(),
  saveDecoderRules: (rules) => decoderRules.save(rules),
} satisfies DeckApi;

Comlink.expose(api);

export type WorkerApi = typeof api;
