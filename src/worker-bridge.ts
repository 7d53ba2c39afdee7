// The one bridge to the worker: starts it, wraps it with Comlink and fans its event stream out.
// Its calls are derived from the worker's own API type, so the two cannot disagree.
import * as Comlink from 'comlink';
import type { DeckEvent, DeckEventListener } from '../shared/protocol';
import type { WorkerApi } from '../worker/api';

/** How long the first call may wait for a worker that neither answers nor reports an error. */
const STARTUP_TIMEOUT_MS = 15_000;

type Calls = Omit<WorkerApi, 'events'>;

/**
 * One worker call as the page makes it: the same arguments (a callback argument crosses as a
 * Comlink proxy, which the worker releases when done), the same answer, always a promise.
 */
export type BridgeCall<F> = F extends (...args: infer A) => infer R
  ? (...args: A) => Promise<Awaited<R>>
  : never;

/** The worker's API as the UI calls it, plus a local, multiplexed event subscription. */
export type DeckBridge = { [K in keyof Calls]: BridgeCall<Calls[K]> } & {
  onEvents(listener: DeckEventListener): () => void;
  /** Reports, once, why the worker could not start or died. */
  onFailure(listener: (message: string) => void): () => void;
};

/** The local half of the bridge, and names a promise or a serializer probes; the rest are calls. */
const LOCAL = new Set<string>(['onEvents', 'onFailure', 'then', 'toJSON']);

export class WorkerFailedError extends Error {
  override name = 'WorkerFailedError';
}

function createBridge(): DeckBridge {
  let remote: Comlink.Remote<WorkerApi> | undefined;
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

  function api(): Comlink.Remote<WorkerApi> {
    if (remote) return remote;
    try {
      const worker = new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module' });
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        fail(`The background worker failed: ${event.message || 'it could not be loaded'}.`);
      });
      worker.addEventListener('messageerror', () => fail('The background worker sent bad data.'));
      remote = Comlink.wrap<WorkerApi>(worker);
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
  async function call<R>(invoke: (api: Comlink.Remote<WorkerApi>) => R): Promise<Awaited<R>> {
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

  /** A worker call by name; function arguments (progress callbacks) cross as proxies. */
  function forward(name: string) {
    return (...args: unknown[]) =>
      call((remote) => {
        const method = (remote as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
        return method(...args.map((arg) => (typeof arg === 'function' ? Comlink.proxy(arg) : arg)));
      });
  }

  const local: Pick<DeckBridge, 'onEvents' | 'onFailure'> = {
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
  const calls = new Map<string, unknown>();
  return new Proxy(local, {
    get(target, name) {
      if (typeof name !== 'string' || LOCAL.has(name) || name in Object.prototype) {
        return Reflect.get(target, name);
      }
      let forwarder = calls.get(name);
      if (forwarder === undefined) calls.set(name, (forwarder = forward(name)));
      return forwarder;
    },
  }) as DeckBridge;
}

let bridge: DeckBridge | undefined;

/** The app's bridge; the worker starts on the first call. */
export function deckBridge(): DeckBridge {
  bridge ??= createBridge();
  return bridge;
}
