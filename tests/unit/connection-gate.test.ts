// The gate in front of tabs' sessions: only the lock holder connects, Take over stops the other,
// and the tabs that wait see the holder's live state over a (Node) BroadcastChannel.
import { afterEach, describe, expect, test } from 'vitest';
import {
  OPEN_ELSEWHERE,
  TAKEN_OVER,
  createConnectionGate,
} from '../../worker/tabs/connection-gate';
import type { ConnectionGate, GatedSession } from '../../worker/tabs/connection-gate';
import type {
  ConnectionProfile,
  ConnectionState,
  DeckError,
  StatusEvent,
} from '../../shared/protocol';
import { fakeLockManager } from '../fixtures/fakes/fake-lock-manager';

function profile(clientId: string, url = 'ws://127.0.0.1:1883/mqtt'): ConnectionProfile {
  return {
    id: `${url}|${clientId}`,
    url,
    clientId,
    username: '',
    password: '',
    keepaliveS: 60,
    cleanStart: true,
    protocolVersion: 4,
  };
}

const open: ConnectionGate[] = [];
afterEach(async () => {
  // Closes their BroadcastChannels, which would keep Node running.
  await Promise.all(open.splice(0).map((gate) => gate.disconnect()));
});

/** A tab: a session that records what the gate asked of it, its statuses as the UI sees them. */
function tab(locks: ReturnType<typeof fakeLockManager>) {
  const calls: string[] = [];
  const seen: StatusEvent[] = [];
  let status: StatusEvent = { type: 'status', state: 'disconnected', at: 0 };
  const set = (state: ConnectionState, error?: DeckError) => {
    status = { type: 'status', state, ...(error ? { error } : {}), at: Date.now() };
    seen.push(gate.statusOut(status));
  };
  const session: GatedSession = {
    connect(p) {
      calls.push(`connect ${p.clientId}`);
      set('connected');
      return { ok: true };
    },
    async disconnect(reason) {
      calls.push(`disconnect ${reason?.code ?? ''}`.trim());
      set('disconnected', reason);
    },
    status: () => status,
  };
  const gate = createConnectionGate(session, {
    locks,
    openChannel: (name) => new BroadcastChannel(name),
    emit: (event) => seen.push(event),
  });
  open.push(gate);
  return { gate, calls, last: () => seen.at(-1) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('createConnectionGate', () => {
  test('a second tab on the same client ID makes no attempt and says where it lives', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    const two = tab(locks);
    expect(await one.gate.connect(profile('same'))).toEqual({ ok: true });
    expect(await two.gate.connect(profile('same'))).toEqual({ ok: false, ...OPEN_ELSEWHERE });
    expect(two.calls).toEqual(['disconnect open-elsewhere']);
    expect(one.calls).toEqual(['connect same']);
    expect(one.gate.mayConnect()).toBe(true);
  });

  test('Take over connects the second tab and stops the first for good', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    const two = tab(locks);
    await one.gate.connect(profile('same'));
    expect(await two.gate.connect(profile('same'), { takeOver: true })).toEqual({ ok: true });
    await settle();
    expect(two.calls).toEqual(['connect same']);
    expect(one.calls).toEqual(['connect same', 'disconnect taken-over']);
    expect(one.last()?.error).toEqual(TAKEN_OVER);
    // Its reconnect scheduling is refused from the moment the lock went.
    expect(one.gate.mayConnect()).toBe(false);
    // Connect again without Take over: still held elsewhere.
    expect((await one.gate.connect(profile('same'))).ok).toBe(false);
    expect(one.calls.at(-1)).toBe('disconnect open-elsewhere');
  });

  test('Disconnect ends the session before it lets the lock go', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    const two = tab(locks);
    await one.gate.connect(profile('same'));
    const ending = one.gate.disconnect();
    expect(await two.gate.connect(profile('same'))).toEqual({ ok: false, ...OPEN_ELSEWHERE });
    await ending;
    await settle();
    expect(one.calls).toEqual(['connect same', 'disconnect']);
    expect(await two.gate.connect(profile('same'))).toEqual({ ok: true });
  });

  test('switching to another client ID frees the first for other tabs', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    const two = tab(locks);
    await one.gate.connect(profile('first'));
    await one.gate.connect(profile('second'));
    await settle();
    expect(one.calls).toEqual(['connect first', 'disconnect', 'connect second']);
    expect(await two.gate.connect(profile('first'))).toEqual({ ok: true });
    expect(await two.gate.connect(profile('second'))).toEqual({ ok: false, ...OPEN_ELSEWHERE });
  });

  test('different client IDs, brokers, or an empty client ID never wait on each other', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    const two = tab(locks);
    await one.gate.connect(profile('a'));
    expect((await two.gate.connect(profile('b'))).ok).toBe(true);
    expect((await two.gate.connect(profile('a', 'ws://127.0.0.1:1884/mqtt'))).ok).toBe(true);
    await one.gate.connect(profile(''));
    expect((await two.gate.connect(profile(''))).ok).toBe(true);
    expect(one.gate.mayConnect()).toBe(true);
  });

  test('an invalid profile takes no lock', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    const result = await one.gate.connect(profile('a', 'tcp://127.0.0.1:1883'));
    expect(result).toMatchObject({ ok: false, code: 'bad-url' });
    expect(one.calls).toEqual([]);
    expect(locks.isHeld('mqtt-deck:connection:tcp://127.0.0.1:1883|a')).toBe(false);
  });
});

describe('the holder’s live state in the other tabs', () => {
  test('a waiting tab shows it, and is told when the holder disconnects', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    const two = tab(locks);
    await one.gate.connect(profile('live'));
    await two.gate.connect(profile('live'));
    await expect
      .poll(() => two.last())
      .toMatchObject({ error: OPEN_ELSEWHERE, elsewhere: 'connected' });

    await one.gate.disconnect();
    await expect.poll(() => two.calls.at(-1)).toBe('disconnect');
    expect(two.last()).toMatchObject({ state: 'disconnected' });
    expect(two.last()?.error).toBeUndefined();
    expect(await two.gate.connect(profile('live'))).toEqual({ ok: true });
  });

  test('the tab that was taken over shows the new holder’s state', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    const two = tab(locks);
    await one.gate.connect(profile('live'));
    await two.gate.connect(profile('live'), { takeOver: true });
    await expect
      .poll(() => one.last())
      .toMatchObject({ error: TAKEN_OVER, elsewhere: 'connected' });
  });

  test('a holder tab that closes without a word is noticed through the lock', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    const two = tab(locks);
    await one.gate.connect(profile('live'));
    await two.gate.connect(profile('live'));
    await expect.poll(() => two.last()?.elsewhere).toBe('connected');
    locks.drop('mqtt-deck:connection:ws://127.0.0.1:1883/mqtt|live');
    await expect.poll(() => two.last()?.error, { timeout: 5_000 }).toBeUndefined();
    expect(two.last()?.state).toBe('disconnected');
  });
});
