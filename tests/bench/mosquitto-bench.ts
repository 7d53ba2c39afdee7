// Mosquitto for the bench: a WebSocket listener for the browser and a TCP one for the publisher,
// configured for the load (deep queues, a wide in-flight window, no per-message logging).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from '../browser/ports';
import { processCpuMs } from './proc-cpu';
import type { BenchBroker } from './brokers';

const MOSQUITTO_PATH = process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
/** What in Mosquitto's log can explain lost messages: a client cut off, a queue dropped. */
const NOTABLE = /timeout|error|dropp|memory|warning|denied|exceeded/i;
/**
 * QoS 1/2 messages out to one client before its PUBACKs (default 20). The app acknowledges after
 * the IndexedDB commit of a batch, so a window smaller than a few batches starves it; below 65,535
 * so packet identifiers are never reused while in flight.
 */
export const MOSQUITTO_MAX_INFLIGHT = 10_000;

function configText(wsPort: number, tcpPort: number): string {
  return [
    'per_listener_settings false',
    'persistence false',
    'log_dest stdout',
    // Not 'all': debug logging writes a line per PUBLISH and would be the bottleneck.
    'log_type error',
    'log_type warning',
    'log_type notice',
    // Defaults (1,000 queued, 20 in flight) drop QoS 1 messages for a slow subscriber; 0 means
    // no limit, so a subscriber slower than the publisher reads a queue instead of losing it.
    'max_queued_messages 0',
    'max_queued_bytes 0',
    `max_inflight_messages ${MOSQUITTO_MAX_INFLIGHT}`,
    'set_tcp_nodelay true',
    `listener ${tcpPort} 127.0.0.1`,
    `listener ${wsPort} 127.0.0.1`,
    'protocol websockets',
    'allow_anonymous true',
    '',
  ].join('\n');
}

export async function startBenchMosquitto(): Promise<BenchBroker> {
  if (!existsSync(MOSQUITTO_PATH)) {
    throw new Error(`Mosquitto not found at ${MOSQUITTO_PATH}: apt-get install -y mosquitto`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'deck-bench-mosquitto-'));
  const wsPort = await freePort();
  let tcpPort = await freePort();
  while (tcpPort === wsPort) tcpPort = await freePort();
  const configFile = join(dir, 'mosquitto.conf');
  const logFile = join(dir, 'mosquitto.log');
  await writeFile(configFile, configText(wsPort, tcpPort));

  const child = spawn(MOSQUITTO_PATH, ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const logStream = createWriteStream(logFile);
  child.stdout.pipe(logStream);
  child.stderr.pipe(logStream);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const log = () => readFile(logFile, 'utf8').catch(() => '');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await new Promise((resolve) => logStream.end(resolve));
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await Promise.race([
      Promise.all([waitForPort(wsPort, START_TIMEOUT_MS), waitForPort(tcpPort, START_TIMEOUT_MS)]),
      exited.then(() => {
        throw new Error(`mosquitto exited with code ${child.exitCode}`);
      }),
    ]);
  } catch (error) {
    const text = await log();
    await stop();
    throw new Error(`mosquitto did not start: ${(error as Error).message}\n${text}`);
  }
  const pid = child.pid ?? 0;
  return {
    name: 'mosquitto',
    browserUrl: `ws://127.0.0.1:${wsPort}/mqtt`,
    publisherUrl: `mqtt://127.0.0.1:${tcpPort}`,
    describe: `Mosquitto 2.0 (max_queued_messages 0, max_inflight_messages ${MOSQUITTO_MAX_INFLIGHT}); publisher over TCP`,
    cpuMs: async () => processCpuMs(pid),
    async notableLog(fromMs, untilMs) {
      // Lines read "1700000000: text", the time in whole seconds.
      return (await log()).split('\n').filter((line) => {
        const ms = Number(line.slice(0, line.indexOf(':'))) * 1000;
        return NOTABLE.test(line) && ms >= fromMs - 1000 && ms <= untilMs;
      });
    },
    stop,
  };
}
