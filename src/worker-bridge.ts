// The one bridge to the worker: starts it, wraps it with Comlink and fans its event stream out.
import * as Comlink from 'comlink';
import type { DeckApi, DeckEvent, DeckEventListener } from '../worker/protocol';

/** How long the first call may wait for a worker that neither answers nor reports an error. */
const STARTUP_TIMEOUT_MS = 15_000;

type Calls = Omit<DeckApi, 'events'>;

/** The worker's API as the UI calls it, plus a local, multiplexed event subscription. */
export type DeckBridge = { [K in keyof Calls]: Calls[K] } & {
  onEvents(listener: DeckEventListener): () => void;
  /** Reports, once, why the worker could not start or died. */
  onFailure(listener: (message: string) => void): () => void;
};

export class WorkerFailedError extends Error {
  override name = 'WorkerFailedError';
}

function createBridge(): DeckBridge {
  let remote: Comlink.Remote<DeckApi> | undefined;
  let failure: string | undefined;
  let rejectFailed: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (rejectFailed = reject));
  failed.catch(() => {}); // observed through each call; no unhandled rejection here
  const failureListeners = new Set<(message: string) => void>();
  let answered = false;

  function fail(message: string) {
    if (failure !== undefined) return;
    failure = message;
    rejectFailed(new WorkerFailedError(message));
    for (const listener of failureListeners) listener(message);
  }

  function api(): Comlink.Remote<DeckApi> {
    if (remote) return remote;
    try {
      const worker = new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module' });
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        fail(`The background worker failed: ${event.message || 'it could not be loaded'}.`);
      });
      worker.addEventListener('messageerror', () => fail('The background worker sent bad data.'));
      remote = Comlink.wrap<DeckApi>(worker);
    } catch (error) {
      fail(`The background worker could not start: ${String(error)}.`);
      throw new WorkerFailedError(failure ?? 'The background worker could not start.');
    }
    setTimeout(() => {
      if (!answered) fail('The background worker did not answer; reload the page to try again.');
    }, STARTUP_TIMEOUT_MS);
    return remote;
  }

  /** Every call settles: with the worker's answer, or with the reason the worker is gone. */
  async function call<R>(invoke: (api: Comlink.Remote<DeckApi>) => R): Promise<Awaited<R>> {
    if (failure !== undefined) throw new WorkerFailedError(failure);
    const result = await Promise.race([invoke(api()), failed]);
    answered = true;
    return result;
  }

  const listeners = new Set<DeckEventListener>();
  let detach: (() => void) | undefined;

  function dispatch(events: DeckEvent[]) {
    for (const listener of listeners) listener(events);
  }

  // One worker-side listener serves every local one; it is attached with the first and removed
  // (and its proxies released) with the last.
  function attach() {
    let removed = false;
    let remove: Comlink.Remote<() => void> | undefined;
    const proxied = Comlink.proxy<DeckEventListener>((events) => {
      if (!removed) dispatch(events);
    });
    call((a) => a.events(proxied))
      .then((fn) => {
        remove = fn as unknown as Comlink.Remote<() => void>;
        if (removed) release();
      })
      .catch(() => {}); // the failure is reported through onFailure
    function release() {
      const r = remove;
      remove = undefined;
      if (!r) return;
      void Promise.resolve(r())
        .catch(() => {})
        .finally(() => r[Comlink.releaseProxy]());
    }
    detach = () => {
      removed = true;
      release();
    };
  }

  return {
    connect: (profile, options) => call((a) => a.connect(profile, options)),
    disconnect: (connectionId) => call((a) => a.disconnect(connectionId)),
    retryNow: () => call((a) => a.retryNow()),
    subscribe: (filter, qos, options, connectionId) =>
      call((a) => a.subscribe(filter, qos, options, connectionId)),
    unsubscribe: (filter, connectionId) => call((a) => a.unsubscribe(filter, connectionId)),
    publish: (topic, payload, options, connectionId) =>
      call((a) => a.publish(topic, payload, options, connectionId)),
    outbox: () => call((a) => a.outbox()),
    cancelOutgoing: (seq) => call((a) => a.cancelOutgoing(seq)),
    snapshot: () => call((a) => a.snapshot()),
    readHistory: (query) => call((a) => a.readHistory(query)),
    getMessage: (id, source) => call((a) => a.getMessage(id, source)),
    countHistory: (query) => call((a) => a.countHistory(query)),
    readConnectionLog: (query) => call((a) => a.readConnectionLog(query)),
    topicStats: (source) => call((a) => a.topicStats(source)),
    topLevelUsage: (source) => call((a) => a.topLevelUsage(source)),
    listCaptures: () => call((a) => a.listCaptures()),
    deleteCapture: (id) => call((a) => a.deleteCapture(id)),
    // Progress callbacks cross as Comlink proxies; the worker releases them when the job ends.
    exportHistory: (request, progress) =>
      call((a) => a.exportHistory(request, Comlink.proxy(progress))),
    importCapture: (request, progress) =>
      call((a) => a.importCapture(request, Comlink.proxy(progress))),
    cancelTransfer: (jobId) => call((a) => a.cancelTransfer(jobId)),
    historySeries: (query) => call((a) => a.historySeries(query)),
    loadProfile: () => call((a) => a.loadProfile()),
    saveProfile: (profile) => call((a) => a.saveProfile(profile)),
    listProfiles: () => call((a) => a.listProfiles()),
    putProfile: (saved) => call((a) => a.putProfile(saved)),
    deleteProfile: (key) => call((a) => a.deleteProfile(key)),
    orderProfiles: (keys) => call((a) => a.orderProfiles(keys)),
    listTemplates: (profileKey) => call((a) => a.listTemplates(profileKey)),
    saveTemplates: (profileKey, list) => call((a) => a.saveTemplates(profileKey, list)),
    storageInfo: () => call((a) => a.storageInfo()),
    setRetention: (policy) => call((a) => a.setRetention(policy)),
    listDashboards: () => call((a) => a.listDashboards()),
    saveDashboard: (dashboard) => call((a) => a.saveDashboard(dashboard)),
    deleteDashboard: (id) => call((a) => a.deleteDashboard(id)),
    loadDecoderRules: () => call((a) => a.loadDecoderRules()),
    saveDecoderRules: (rules) => call((a) => a.saveDecoderRules(rules)),
    onEvents(listener) {
      listeners.add(listener);
      if (listeners.size === 1) attach();
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        detach?.();
        detach = undefined;
      };
    },
    onFailure(listener) {
      if (failure !== undefined) listener(failure);
      else failureListeners.add(listener);
      return () => failureListeners.delete(listener);
    },
  };
}

let bridge: DeckBridge | undefined;

/** The app's bridge; the worker starts on the first call. */
export function deckBridge(): DeckBridge {
  bridge ??= createBridge();
  return bridge;
}
