// The worker's open connections: one stack (session, tab gate, QoS state) per connected profile,
// keyed by profile id; which one is the default for calls that name none; routing of calls.
// Fetched with the connection's chunk: mqtt.js is loaded once and shared by every stack.
import { createConnectionOrder } from './connection-order';
import { createConnectionStack } from './connection-stack';
import type { ConnectionStack, ConnectionStackDeps } from './connection-stack';
import { profileError } from '../../shared/profiles/profile-validation';
import type {
  ConnectOptions,
  ConnectionProfile,
  ConnectionSnapshot,
  DeckError,
  Qos,
  Result,
  StatusEvent,
  SubscribeOptions,
} from '../../shared/protocol';

export interface ConnectionsDeps extends ConnectionStackDeps {
  /** That connection was disconnected for good: the outbox drops its link (rows stay queued). */
  detach(connectionId: string): void;
}

const UNKNOWN: DeckError = {
  code: 'not-connected',
  message: 'That connection is not open in this tab: connect it first.',
};

/** The placeholder's key: subscriptions asked for before any Connect wait here for the first. */
const UNNAMED = '';

export function createConnections(deps: ConnectionsDeps) {
  // Every stack made in this worker; a disconnected one stays (dormant, lock released) so its
  // subscriptions are restored when its profile connects again, as with one connection.
  const stacks = new Map<string, ConnectionStack>();
  const order = createConnectionOrder();
  // The connection last connected, open or not: calls naming none go there when none is open.
  let lastId: string | undefined;

  function stackFor(id: string): ConnectionStack {
    let stack = stacks.get(id);
    if (!stack) {
      // The first Connect adopts what was subscribed to before any Connect.
      stack = stacks.get(UNNAMED) ?? createConnectionStack(deps);
      stacks.delete(UNNAMED);
      stacks.set(id, stack);
    }
    return stack;
  }

  /** The default connection, else the one last connected (now disconnected), if any. */
  function current(): ConnectionStack | undefined {
    const id = order.defaultId() ?? lastId;
    return id === undefined ? undefined : stacks.get(id);
  }

  /** The stack a call goes to: the named one, else the current, else the placeholder. */
  function target(connectionId: string | undefined): ConnectionStack | undefined {
    if (connectionId !== undefined) return stacks.get(connectionId);
    return current() ?? stackFor(UNNAMED);
  }

  async function disconnectOne(id: string): Promise<void> {
    const stack = stacks.get(id);
    order.removed(id);
    if (!stack) return;
    await stack.gate.disconnect(); // the client ends gracefully, then the lock is let go
    deps.detach(id);
  }

  const decorated = (stack: ConnectionStack): StatusEvent =>
    stack.gate.decorate(stack.session.status());

  return {
    async connect(profile: ConnectionProfile, options: ConnectOptions = {}) {
      const invalid = profileError(profile);
      // Refused before anything changes: the connection the form was editing stays up.
      if (invalid) return { ok: false, ...invalid };
      const { replace } = options;
      if (replace !== undefined && replace !== profile.id) await disconnectOne(replace);
      const stack = stackFor(profile.id);
      order.connected(profile.id);
      lastId = profile.id;
      const result: Result<object> = await stack.connect(profile, options);
      if (result.ok && profile.cleanStart) await stack.forgetSession(profile).catch(() => {});
      return result;
    },
    async disconnect(connectionId?: string): Promise<void> {
      // Every open one; a dormant stack is disconnected already.
      const ids = connectionId === undefined ? order.listed() : [connectionId];
      await Promise.all(ids.map(disconnectOne));
    },
    retryNow(): void {
      for (const stack of stacks.values()) stack.session.retryNow();
    },
    subscribe(filter: string, qos: Qos, options?: SubscribeOptions, connectionId?: string) {
      const stack = target(connectionId);
      return stack ? stack.session.subscribe(filter, qos, options) : refused();
    },
    unsubscribe(filter: string, connectionId?: string) {
      const stack = target(connectionId);
      return stack ? stack.session.unsubscribe(filter) : refused();
    },
    /** The profile a publish is queued for: the named connection's, else the default's. */
    profile(connectionId?: string): ConnectionProfile | DeckError | undefined {
      if (connectionId !== undefined) return stacks.get(connectionId)?.profile() ?? UNKNOWN;
      return current()?.profile();
    },
    /** The default connection's status (the last one's when none is open), if any. */
    status(): StatusEvent | undefined {
      const stack = current();
      return stack && decorated(stack);
    },
    /** The default connection's; before any Connect, those waiting for the first. */
    subscriptions() {
      return (current() ?? stacks.get(UNNAMED))?.session.subscriptions() ?? [];
    },
    /** Every open connection, oldest first. */
    list(): ConnectionSnapshot[] {
      return order.listed().flatMap((connectionId) => {
        const stack = stacks.get(connectionId);
        if (!stack) return [];
        const subscriptions = stack.session.subscriptions();
        return [{ connectionId, status: decorated(stack), subscriptions }];
      });
    },
  };
}

const refused = async (): Promise<{ ok: false } & DeckError> => ({ ok: false, ...UNKNOWN });

export type Connections = ReturnType<typeof createConnections>;
