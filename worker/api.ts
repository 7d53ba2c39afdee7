// The worker's API, defined once: every call the UI makes, with its types and its promise. The
// entry (index.ts) exposes this object with Comlink; the UI's bridge derives its calls from
// `WorkerApi`, so no second list of methods exists anywhere.
import * as Comlink from 'comlink';
import type {
  CaptureInfo,
  ConnectOptions,
  ConnectionLogEntry,
  ConnectionLogQuery,
  ConnectionProfile,
  DashboardData,
  DecoderRule,
  DeckEventListener,
  ExportRequest,
  ExportResult,
  HistoryCount,
  HistoryPage,
  HistoryQuery,
  ImportRequest,
  ImportResult,
  OutboxEntry,
  PayloadTemplate,
  PublishOptions,
  PublishResult,
  Qos,
  Result,
  RetentionPolicy,
  SavedProfile,
  SeriesQuery,
  SeriesResult,
  StorageInfo,
  StoredMessage,
  SubscribeOptions,
  SubscribeResult,
  TopLevelUsage,
  TopicStat,
  TransferProgress,
  WorkerSnapshot,
} from '../shared/protocol';
import { previewBuffers } from './events/event-hub';
import type { WorkerParts } from './parts';

/** Lets go of a Comlink proxy the page handed over (a listener, a progress callback). */
function releaseProxy(listener: object): void {
  const release = (listener as Partial<Comlink.ProxyMethods>)[Comlink.releaseProxy];
  if (typeof release === 'function') release.call(listener);
}

export function createApi(parts: WorkerParts) {
  const { outbox, writer, sources, captures, transfers, settings, retention } = parts;
  const savedProfile = () => settings.loadProfile().catch(() => undefined);
  let listeners = 0;

  return {
    /**
     * Starts connecting; resolves at once with a validation error, or ok once the attempt began.
     * Only one tab holds a connection (broker URL + client ID, a Web Lock): while another has it,
     * resolves with `open-elsewhere` and makes no attempt, unless `options.takeOver`, which takes
     * it from that tab (that one stops with `taken-over` and does not reconnect).
     * The worker holds one client per connected profile (`profile.id`): connecting one leaves the
     * others open (unless `options.replace`); connecting an open one again restarts it. The one
     * connected last is the default for calls that name no connection.
     */
    async connect(profile: ConnectionProfile, options?: ConnectOptions): Promise<Result<object>> {
      await parts.started;
      await outbox.ready;
      return (await parts.connections.load()).connect(profile, options);
    },
    /** Ends that connection (absent: every connection) and stops its reconnecting. */
    async disconnect(connectionId?: string): Promise<void> {
      await (await parts.connections.loading())?.disconnect(connectionId);
    },
    /** The page or the network came back: while reconnecting, tries at once instead of waiting. */
    async retryNow(): Promise<void> {
      parts.connections.loaded()?.retryNow();
    },
    /** On `connectionId`, or the default connection. */
    async subscribe(
      filter: string,
      qos: Qos,
      options?: SubscribeOptions,
      connectionId?: string,
    ): Promise<SubscribeResult> {
      return (await parts.connections.load()).subscribe(filter, qos, options, connectionId);
    },
    /** Refused (ok false, the UNSUBACK's reason in words) when an MQTT 5 broker said no. */
    async unsubscribe(filter: string, connectionId?: string): Promise<Result<object>> {
      return (await parts.connections.load()).unsubscribe(filter, connectionId);
    },
    /**
     * Validates, then stores the message in the outbox ('queued', durably) and sends it in publish
     * order when connected. Resolves: refused (ok false) when invalid for the connection's MQTT
     * version or when the broker refused it; ok with `queued` once stored while not connected (it
     * is sent on the next connect of that connection); ok when a QoS 0 message is written, or when
     * QoS 1/2 is acknowledged; ok with `queued` if the connection ended or 30 s passed first.
     * Sent on `connectionId` (an open connection), else the default one, else the saved profile.
     */
    async publish(
      topic: string,
      payload: string,
      options: PublishOptions,
      connectionId?: string,
    ): Promise<PublishResult> {
      const target = parts.connections.loaded()?.profile(connectionId);
      if (target && !('id' in target)) return { ok: false, ...target };
      // Never connected in this tab: queue for the saved profile (what the form shows).
      const profile = target ?? (connectionId === undefined ? await savedProfile() : undefined);
      return outbox.publish(profile, topic, payload, options);
    },
    /** The newest outbox entries (at most OUTBOX_LIST_MAX), newest first. */
    outbox: (): Promise<OutboxEntry[]> => outbox.list(),
    /** Removes a 'queued' entry so it is never sent; refused for any other state. */
    cancelOutgoing: (seq: number): Promise<Result<object>> => outbox.cancel(seq),
    /** Registers a (Comlink-proxied) listener; resolves to a proxied function that removes it. */
    async events(listener: DeckEventListener): Promise<() => void> {
      listeners += 1;
      // The previews' buffers are the post's own: moved to the page, not copied, unless another
      // listener still has to be sent the same batch.
      const remove = parts.hub.addListener((batch) =>
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
      const connections = parts.connections.loaded();
      const snapshot: WorkerSnapshot = {
        status: connections?.status() ?? {
          type: 'status',
          state: 'disconnected',
          at: parts.startedAt,
        },
        subscriptions: connections?.subscriptions() ?? [],
        connections: connections?.list() ?? [],
        stored: writer.stored(),
      };
      const storageError = writer.error();
      if (storageError) snapshot.storageError = storageError;
      return snapshot;
    },
    /** A page of live history or of a capture (`query.source`), newest first. */
    readHistory: (query: HistoryQuery): Promise<HistoryPage> => sources.readPage(query),
    /** How many messages match `query`, counted in bounded steps (see HistoryCount). */
    countHistory: (query: HistoryQuery): Promise<HistoryCount> => sources.count(query),
    getMessage: (id: number, source?: string): Promise<StoredMessage | undefined> =>
      sources.get(id, source),
    /** Connection events (connected, disconnected, refused), newest first. */
    readConnectionLog: (query: ConnectionLogQuery): Promise<ConnectionLogEntry[]> =>
      sources.connectionLog(query),
    /** Every topic stored, with its count, bytes and newest message, in topic order. */
    topicStats: (source?: string): Promise<TopicStat[]> => sources.topicStats(source),
    /** Messages and payload bytes per first topic level. */
    topLevelUsage: (source?: string): Promise<TopLevelUsage[]> => sources.topLevelUsage(source),
    /** Imported captures, newest first. */
    listCaptures: (): Promise<CaptureInfo[]> => captures.list(),
    /** Deletes a capture and its database. */
    deleteCapture: (id: string): Promise<Result<object>> => captures.remove(id),
    /**
     * Streams the query's selection, oldest first, to a file or a Blob; progress a few times a
     * second. A chunk of its own, fetched on first use.
     */
    async exportHistory(
      request: ExportRequest,
      progress: (progress: TransferProgress) => void,
    ): Promise<ExportResult> {
      const { exportHistory } = await import('./history/transfer/history-export');
      return exportHistory({ sources, transfers }, request, progress).finally(() =>
        releaseProxy(progress),
      );
    },
    /** Reads an NDJSON export into a new capture. A chunk of its own, fetched on first use. */
    async importCapture(
      request: ImportRequest,
      progress: (progress: TransferProgress) => void,
    ): Promise<ImportResult> {
      const { importCapture } = await import('./history/transfer/history-import');
      return importCapture({ captures, transfers }, request, progress).finally(() =>
        releaseProxy(progress),
      );
    },
    /** Stops an export or import: the export's file is left as written, the import's capture deleted. */
    cancelTransfer: async (jobId: string): Promise<void> => transfers.cancel(jobId),
    /** Numeric JSON fields of stored messages over a time range, reduced to `buckets` per series. */
    async historySeries(query: SeriesQuery): Promise<SeriesResult> {
      const { readSeries } = await import('./history/series/history-series');
      return readSeries(sources, query);
    },
    /** The last connection profile saved; its password is blank unless it had rememberPassword. */
    async loadProfile(): Promise<ConnectionProfile | undefined> {
      try {
        return await settings.loadProfile();
      } catch {
        return undefined; // No storage: the form starts from its defaults.
      }
    },
    /** Remembers `profile` as the last used one; the password is blanked unless rememberPassword. */
    saveProfile: (profile: ConnectionProfile): Promise<void> => settings.saveProfile(profile),
    /** Saved profiles in the user's order; passwords blank unless remembered. */
    listProfiles: async (): Promise<SavedProfile[]> => (await parts.saved())[0].list(),
    /** Adds or replaces (by key) a saved profile; refused with a message when invalid. */
    putProfile: async (entry: SavedProfile): Promise<Result<object>> =>
      (await parts.saved())[0].put(entry),
    /** Removes a saved profile and its saved payloads. */
    async deleteProfile(key: string): Promise<void> {
      const [profiles, templates] = await parts.saved();
      await profiles.remove(key);
      await templates.removeCollection(key);
    },
    /** Puts the saved profiles in this order (keys not listed keep their place at the end). */
    orderProfiles: async (keys: string[]): Promise<void> => (await parts.saved())[0].order(keys),
    /** The saved payloads of one saved profile, in the user's order. */
    listTemplates: async (profileKey: string): Promise<PayloadTemplate[]> =>
      (await parts.saved())[1].list(profileKey),
    /** Replaces the saved payloads of one saved profile; refused when one is invalid. */
    saveTemplates: async (profileKey: string, list: PayloadTemplate[]): Promise<Result<object>> =>
      (await parts.saved())[1].save(profileKey, list),
    /** Storage usage and quota, history totals, the retention policy and the last prune. */
    async storageInfo(): Promise<StorageInfo> {
      // A chunk of its own, with retention: the Storage section asks after the first paint.
      const { readStorageInfo } = await import('./history/storage-info');
      return readStorageInfo({ db: parts.db, store: parts.historyStore, writer, retention });
    },
    /** Saves the retention policy (refused with `invalid-option` out of bounds) and prunes to it. */
    setRetention: (policy: RetentionPolicy): Promise<Result<{ retention: RetentionPolicy }>> =>
      retention.setPolicy(policy),
    /** Every saved dashboard, in name order (validated by the UI, not here). */
    listDashboards: (): Promise<DashboardData[]> => parts.dashboards.list(),
    /** Stores `dashboard` under its id, replacing the one saved before. */
    saveDashboard: (dashboard: DashboardData): Promise<void> => parts.dashboards.save(dashboard),
    deleteDashboard: (id: string): Promise<void> => parts.dashboards.remove(id),
    /** The payload decoder rules in order (validated on read: invalid entries are dropped). */
    loadDecoderRules: (): Promise<DecoderRule[]> => parts.decoderRules.load(),
    /** Replaces the decoder rules; refused with `invalid-option` when one is invalid. */
    saveDecoderRules: (rules: DecoderRule[]): Promise<Result<{ rules: DecoderRule[] }>> =>
      parts.decoderRules.save(rules),
  };
}

/** The worker's API as the UI calls it through Comlink (see src/worker-bridge.ts). */
export type WorkerApi = ReturnType<typeof createApi>;
