// Stopping the processes tests and the bench start (Mosquitto, Chromium, publishers): ask first,
// then kill when they do not exit in time.
import type { ChildProcess } from 'node:child_process';

/**
 * Asks `child` to stop (SIGTERM unless `ask` says otherwise), kills it after `graceMs`, and
 * resolves once `exited` does. A child that has already exited is left alone.
 */
export async function stopChild(
  child: ChildProcess,
  exited: Promise<void>,
  graceMs: number,
  ask: () => void = () => child.kill('SIGTERM'),
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  ask();
  await exited;
  clearTimeout(timer);
}
