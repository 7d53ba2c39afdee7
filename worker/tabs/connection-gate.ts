// Puts the connection lock in front of the session: Connect starts a client only while this tab
// holds the lock of its URL + client ID; losing the lock to another tab stops the client for good.
import { connectionLockName, createConnectionLock } from './connection-lock';
import type { LockRequester } from './connection-lock';
import { createConnectionMirror } from './connection-mirror';
import type { MirrorChannel } from './connection-mirror';
import { profileError } from '../../shared/profiles/profile-validation';
import type {
  ConnectOptions,
  ConnectionProfile,
  DeckError,
  Result,
  StatusEvent,
} from '../../shared/protocol';

export const OPEN_ELSEWHERE: DeckError = {
  code: 'open-elsewhere',
  message: 'This connection is open in another MQTT Deck tab or window.',
};
export const TAKEN_OVER: DeckError = {
  code: 'taken-over',
  message: 'Another tab took over this connection.',
};

/** The session calls the gate needs: start, stop with the reason the status shows, the status. */
export interface GatedSession {
  connect(profile: ConnectionProfile): Result<object>;
  disconnect(reason?: DeckError): Promise<void>;
  status(): StatusEvent;
}

export interface GateDeps {
  /** navigator.locks; without it tabs are not coordinated. */
  locks?: LockRequester;
  /** Opens a BroadcastChannel, to show the holder's live state in the other tabs. */
  openChannel?: (name: string) => MirrorChannel;
  /** Posts a status to the UI (the holder's state changed while another tab holds it). */
  emit?: (event: StatusEvent) => void;
}

export interface ConnectionGate {
  connect(profile: ConnectionProfile, options?: ConnectOptions): Promise<Result<object>>;
  /** Ends the connection, then lets go of its lock for another tab. */
  disconnect(): Promise<void>;
  /** False once the lock the current connection needs is gone: no attempt, no reconnect. */
  mayConnect(): boolean;
  /** Every status the session emits passes here: shared with other tabs, or given `elsewhere`. */
  statusOut(event: StatusEvent): StatusEvent;
  /** The status with the holder's live state while another tab holds the connection. */
  decorate(event: StatusEvent): StatusEvent;
}

const isElsewhere = (event: StatusEvent) =>
  event.state === 'disconnected' &&
  (event.error?.code === OPEN_ELSEWHERE.code || event.error?.code === TAKEN_OVER.code);

export function createConnectionGate(session: GatedSession, deps: GateDeps = {}): ConnectionGate {
  const locks = deps.locks;
  // The lock the current connection needs; undefined when it needs none.
  let needed: string | undefined;
  // One operation at a time: a lock answer never lands in the middle of another Connect.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = queue.then(operation);
    queue = run.catch(() => {});
    return run;
  }

  function decorate(event: StatusEvent): StatusEvent {
    const there = mirror.remote();
    return there && isElsewhere(event) ? { ...event, elsewhere: there } : event;
  }

  const mirror = createConnectionMirror({
    open: deps.openChannel,
    isHeld: locks?.query
      ? async (name) => ((await locks.query?.())?.held ?? []).some((l) => l.name === name)
      : undefined,
    onRemote: () => deps.emit?.(decorate({ ...session.status(), at: Date.now() })),
    // The holder let go: this tab's notice is out of date, and Connect needs no Take over.
    onReleased: () =>
      void serial(async () => {
        if (lock.held() === undefined && isElsewhere(session.status())) await session.disconnect();
      }),
  });

  const lock = createConnectionLock(locks, (name) => {
    void serial(async () => {
      if (needed !== name) return;
      // Listening first: this tab's own 'disconnected' is not posted as the connection's state.
      mirror.listen(name);
      await session.disconnect(TAKEN_OVER);
    });
  });

  async function connect(profile: ConnectionProfile, options: ConnectOptions = {}) {
    const invalid = profileError(profile);
    if (invalid) return { ok: false as const, ...invalid };
    const name = connectionLockName(profile.url, profile.clientId);
    const previous = lock.held();
    if (previous !== undefined && previous !== name) {
      // Another connection of this tab: it ends before its lock is free for other tabs.
      needed = undefined;
      await session.disconnect();
      mirror.stop();
      lock.release();
    }
    needed = undefined;
    if (name === undefined) mirror.stop();
    else {
      const outcome = await lock.acquire(name, options.takeOver === true);
      if (outcome === 'busy') {
        await session.disconnect(OPEN_ELSEWHERE);
        mirror.listen(name);
        return { ok: false as const, ...OPEN_ELSEWHERE };
      }
      if (outcome === 'held') {
        needed = name;
        mirror.hold(name);
      } else mirror.stop();
    }
    return session.connect(profile);
  }

  return {
    connect: (profile, options) => serial(() => connect(profile, options)),
    disconnect: () =>
      serial(async () => {
        needed = undefined;
        await session.disconnect();
        mirror.stop();
        lock.release();
      }),
    mayConnect: () => needed === undefined || lock.held() === needed,
    statusOut(event) {
      mirror.local(event.state);
      return decorate(event);
    },
    decorate,
  };
}
