// The live state of a connection held by another tab: the holder's worker posts its status on a
// BroadcastChannel named per lock; the tabs that wait on that lock listen and show it.
import type { ConnectionState } from '../../shared/protocol';

export const MIRROR_CHANNEL_PREFIX = 'mqtt-deck:live:';
/**
 * How often a listening tab checks that the holder still holds the lock: a closed tab's worker
 * ends without a word, and its locks go with it.
 */
export const MIRROR_CHECK_MS = 2_000;

/** What goes over the channel: structured-clone data only. */
export type MirrorMessage =
  { kind: 'status'; state: ConnectionState } | { kind: 'ask' } | { kind: 'released' };

/** The part of BroadcastChannel used here. */
export interface MirrorChannel {
  postMessage(message: MirrorMessage): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface MirrorDeps {
  /** Opens a BroadcastChannel; without it (no BroadcastChannel) nothing is mirrored. */
  open?: (name: string) => MirrorChannel;
  /** Whether some tab holds the lock `name` (navigator.locks.query). */
  isHeld?: (name: string) => Promise<boolean>;
  /** Listening: the holder reported `state`. */
  onRemote(state: ConnectionState): void;
  /** Listening: the holder let go of the connection (or its tab closed). */
  onReleased(): void;
  checkEveryMs?: number;
}

export interface ConnectionMirror {
  /** This tab holds lock `name`: post every status to the listeners, answer their questions. */
  hold(name: string): void;
  /** Another tab holds lock `name`: listen to its status. */
  listen(name: string): void;
  /** Neither: a holder tells the listeners it let go. */
  stop(): void;
  /** This tab's own status changed. */
  local(state: ConnectionState): void;
  /** The holder's state, while listening and once it answered. */
  remote(): ConnectionState | undefined;
}

function isMessage(data: unknown): data is MirrorMessage {
  return typeof data === 'object' && data !== null && 'kind' in data;
}

export function createConnectionMirror(deps: MirrorDeps): ConnectionMirror {
  let role: { kind: 'hold' | 'listen'; name: string; channel: MirrorChannel } | undefined;
  let check: ReturnType<typeof setInterval> | undefined;
  let localState: ConnectionState = 'disconnected';
  let remoteState: ConnectionState | undefined;

  /** `announce`: a holder tells the listeners it let go (not when the lock was taken from it). */
  function stop(announce = true): void {
    clearInterval(check);
    check = undefined;
    remoteState = undefined;
    if (announce && role?.kind === 'hold') role.channel.postMessage({ kind: 'released' });
    role?.channel.close();
    role = undefined;
  }

  function released(): void {
    stop();
    deps.onReleased();
  }

  function start(kind: 'hold' | 'listen', name: string): MirrorChannel | undefined {
    if (role?.name === name && role.kind === kind) return undefined;
    stop(role?.name !== name);
    if (!deps.open) return undefined;
    const channel = deps.open(`${MIRROR_CHANNEL_PREFIX}${name}`);
    role = { kind, name, channel };
    return channel;
  }

  return {
    hold(name) {
      const channel = start('hold', name);
      if (!channel) return;
      channel.onmessage = ({ data }) => {
        if (isMessage(data) && data.kind === 'ask')
          channel.postMessage({ kind: 'status', state: localState });
      };
      channel.postMessage({ kind: 'status', state: localState });
    },
    listen(name) {
      const channel = start('listen', name);
      if (!channel) return;
      const mine = role;
      channel.onmessage = ({ data }) => {
        if (!isMessage(data) || role !== mine) return;
        if (data.kind === 'released') return released();
        if (data.kind !== 'status') return;
        remoteState = data.state;
        deps.onRemote(data.state);
      };
      channel.postMessage({ kind: 'ask' });
      const isHeld = deps.isHeld;
      if (!isHeld) return;
      check = setInterval(() => {
        void isHeld(name).then(
          (held) => {
            if (!held && role === mine) released();
          },
          () => {},
        );
      }, deps.checkEveryMs ?? MIRROR_CHECK_MS);
    },
    stop: () => stop(),
    local(state) {
      localState = state;
      if (role?.kind === 'hold') role.channel.postMessage({ kind: 'status', state });
    },
    remote: () => remoteState,
  };
}
