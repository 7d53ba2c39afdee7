// What the API object is built from: the worker's long-lived parts, wired once by index.ts.
import type { Connections } from './connections/connections';
import type { DbConnection } from './db/database';
import type { EventHub } from './events/event-hub';
import type { Captures } from './history/captures';
import type { HistorySources } from './history/history-sources';
import type { HistoryStore } from './history/history-store';
import type { HistoryWriter } from './history/history-writer';
import type { Retention } from './history/retention/history-retention';
import type { Transfers } from './history/transfer/transfers';
import type { Outbox } from './outbox/outbox';
import type { DashboardStore } from './saved/dashboard-store';
import type { DecoderRulesStore } from './saved/decoder-rules-store';
import type { ProfilesStore } from './saved/profiles-store';
import type { SettingsStore } from './saved/settings-store';
import type { TemplatesStore } from './saved/templates-store';

export interface WorkerParts {
  /** Settles once the database opened, or once the worker stopped waiting for it. */
  started: Promise<void>;
  startedAt: number;
  db: DbConnection;
  hub: EventHub;
  historyStore: HistoryStore;
  writer: HistoryWriter;
  retention: Retention;
  sources: HistorySources;
  captures: Captures;
  transfers: Transfers;
  settings: SettingsStore;
  dashboards: DashboardStore;
  decoderRules: DecoderRulesStore;
  outbox: Outbox;
  /** The saved profiles' and payloads' stores: a chunk read when their views first open. */
  saved(): Promise<[ProfilesStore, TemplatesStore]>;
  /**
   * The connections' chunk (registry, sessions, tab gates, QoS state; mqtt.js after it, once for
   * all of them): `load()` fetches it when first needed, `loading()` only if a call already did,
   * `loaded()` only once it arrived.
   */
  connections: {
    load(): Promise<Connections>;
    loading(): Promise<Connections> | undefined;
    loaded(): Connections | undefined;
  };
}
