// The connection lock across "tabs" sharing one lock manager: taken, refused, stolen, released.
import { describe, expect, test } from 'vitest';
import { connectionLockName, createConnectionLock } from '../../worker/tabs/connection-lock';
import { fakeLockManager } from '../fixtures/fakes/fake-lock-manager';

const A = 'mqtt-deck:connection:ws://broker/mqtt|deck-a';
const B = 'mqtt-deck:connection:ws://broker/mqtt|deck-b';

function tab(locks: ReturnType<typeof fakeLockManager> | undefined, timeoutMs?: number) {
  const lost: string[] = [];
  const lock = createConnectionLock(locks, (name) => lost.push(name), timeoutMs);
  return { lock, lost };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('connectionLockName', () => {
  test('one name per broker however its URL is spelled, and per exact client ID', () => {
    const name = connectionLockName('ws://broker:9001/mqtt', 'deck-1');
    expect(name).toBe('mqtt-deck:connection:ws://broker:9001/mqtt|deck-1');
    expect(connectionLockName(' WS://Broker:9001/mqtt ', 'deck-1')).toBe(name);
    expect(connectionLockName('ws://broker:80', 'x')).toBe(connectionLockName('ws://broker/', 'x'));
    expect(connectionLockName('ws://broker:9001/mqtt', 'Deck-1')).not.toBe(name);
    expect(connectionLockName('ws://broker:9002/mqtt', 'deck-1')).not.toBe(name);
  });

  test('an empty client ID needs no lock: every connection gets a fresh one', () => {
    expect(connectionLockName('ws://broker/mqtt', '')).toBeUndefined();
  });
});

describe('createConnectionLock', () => {
  test('a second tab is told the lock is busy, at once; another client ID is free', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    const two = tab(locks);
    expect(await one.lock.acquire(A, false)).toBe('held');
    expect(await two.lock.acquire(A, false)).toBe('busy');
    expect(two.lock.held()).toBeUndefined();
    expect(await two.lock.acquire(B, false)).toBe('held');
    expect(one.lock.held()).toBe(A);
  });

  test('stealing takes the lock and tells the old holder, once', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    const two = tab(locks);
    await one.lock.acquire(A, false);
    expect(await two.lock.acquire(A, true)).toBe('held');
    await settle();
    expect(one.lost).toEqual([A]);
    expect(one.lock.held()).toBeUndefined();
    expect(two.lost).toEqual([]);
    expect(await one.lock.acquire(A, false)).toBe('busy');
  });

  test('release frees the lock for another tab without reporting a loss', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    const two = tab(locks);
    await one.lock.acquire(A, false);
    one.lock.release();
    await settle();
    expect(locks.isHeld(A)).toBe(false);
    expect(await two.lock.acquire(A, false)).toBe('held');
    expect(one.lost).toEqual([]);
  });

  test('taking another lock lets go of the one held', async () => {
    const locks = fakeLockManager();
    const one = tab(locks);
    await one.lock.acquire(A, false);
    expect(await one.lock.acquire(A, false)).toBe('held');
    await one.lock.acquire(B, false);
    await settle();
    expect(locks.isHeld(A)).toBe(false);
    expect(locks.isHeld(B)).toBe(true);
  });

  test('without Web Locks there is nothing to coordinate', async () => {
    expect(await tab(undefined).lock.acquire(A, false)).toBe('unavailable');
  });

  test('a lock manager that never answers is given up on, and a late grant let go', async () => {
    const locks = fakeLockManager();
    const one = tab(locks, 20);
    locks.silence();
    expect(await one.lock.acquire(A, false)).toBe('unavailable');
    await locks.answerSilenced();
    expect(locks.isHeld(A)).toBe(false);
    expect(one.lock.held()).toBeUndefined();
  });
});
