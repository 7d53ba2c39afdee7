// The worker entry: wires the MQTT connections, the history writer, the outbox and the UI event
// hub together once, and exposes the one API object (api.ts) to the page through Comlink.
import * as Comlink from 'comlink';
import { createApi } from './api';
import { createCaptures } from './history/captures';
import { createConnectionLogger } from './history/connection-log';
import type { Connections } from './connections/connections';
import { createDashboardStore } from './saved/dashboard-store';
import { createDecoderRulesStore } from './saved/decoder-rules-store';
import { createEventHub } from './events/event-hub';
import { createDbConnection } from './db/database';
import { createHistorySources } from './history/history-sources';
import { createHistoryStore } from './history/history-store';
import { createHistoryWriter } from './history/history-writer';
import { lazyRetention } from './history/retention/lazy-retention';
import { createOutbox } from './outbox/outbox';
import { createOutboxDb } from './outbox/outbox-db';
import type { ProfilesStore } from './saved/profiles-store';
import { createPublishedRecorder } from './outbox/published-history';
import { createSettingsStore } from './saved/settings-store';
import type { TemplatesStore } from './saved/templates-store';
import { createTransfers } from './history/transfer/transfers';

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
    import('./saved/profiles-store').then(({ createProfilesStore }) => createProfilesStore(db)),
    import('./saved/templates-store').then(({ createTemplatesStore }) => createTemplatesStore(db)),
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
  (loadingConnections ??= import('./connections/connections').then(({ createConnections }) => {
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

Comlink.expose(
  createApi({
    started,
    startedAt,
    db,
    hub,
    historyStore,
    writer,
    retention,
    sources,
    captures,
    transfers,
    settings,
    dashboards,
    decoderRules,
    outbox,
    saved,
    connections: {
      load: connectionStacks,
      loading: () => loadingConnections,
      loaded: () => connections,
    },
  }),
);
