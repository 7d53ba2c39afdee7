// Starts Debian's Mosquitto with a WebSocket listener (and a TCP one) on free ports, from a
// generated config; the browser tests and the bench both start it here.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild } from './child-process';
import { freePort, waitForPort } from './ports';

export const MOSQUITTO_PATH = process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface Mosquitto {
  /** ws://127.0.0.1:PORT/mqtt (Mosquitto serves MQTT over WebSocket on any path). */
  url: string;
  port: number;
  /** The plain MQTT (TCP) listener on 127.0.0.1. */
  tcpPort: number;
  pid: number;
  /** Everything Mosquitto logged so far. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

export interface MosquittoOptions {
  /** Highest QoS granted to a subscription (Mosquitto's max_qos); lower requests are kept. */
  maxQos?: 0 | 1 | 2;
  /** More global settings, e.g. queue limits for a load. */
  settings?: string[];
  /** Mosquitto's log_type lines (default 'all'; a line per PUBLISH slows a load down). */
  logTypes?: string[];
  /** Fixed ports (default free ones): a restarted broker takes its predecessor's place. */
  port?: number;
  tcpPort?: number;
  /**
   * Turns persistence on, kept in this directory (the caller's, left in place by `stop()`), so a
   * broker started again on it restores sessions, subscriptions and queued messages.
   */
  persistenceDir?: string;
}

function configText(wsPort: number, tcpPort: number, opts: MosquittoOptions): string {
  return [
    'per_listener_settings false',
    ...(opts.persistenceDir === undefined
      ? ['persistence false']
      : ['persistence true', `persistence_location ${opts.persistenceDir}/`]),
    // As root, Mosquitto drops to its own user, which cannot write our temp dir: log to stdout.
    'log_dest stdout',
    ...(opts.logTypes ?? ['all']).map((type) => `log_type ${type}`),
    ...(opts.settings ?? []),
    // Mosquitto 2.0.11 binds WebSocket listeners on every interface whatever address is given;
    // harmless here, all traffic is loopback.
    // 2.0.11 refuses to start with only a WebSocket listener ("Unable to start any listening
    // sockets"): a plain MQTT listener on loopback beside it keeps it happy.
    `listener ${tcpPort} 127.0.0.1`,
    `listener ${wsPort} 127.0.0.1`,
    'protocol websockets',
    ...(opts.maxQos === undefined ? [] : [`max_qos ${opts.maxQos}`]),
    'allow_anonymous true',
    '',
  ].join('\n');
}

export async function startMosquitto(opts: MosquittoOptions = {}): Promise<Mosquitto> {
  if (!existsSync(MOSQUITTO_PATH)) {
    throw new Error(
      `Mosquitto not found at ${MOSQUITTO_PATH}: install it with \`apt-get install -y mosquitto\`, ` +
        'or set MOSQUITTO_PATH.',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'deck-mosquitto-'));
  const port = opts.port ?? (await freePort());
  let tcpPort = opts.tcpPort ?? (await freePort());
  while (tcpPort === port) tcpPort = await freePort();
  // As root, Mosquitto runs as its own user: it must be able to write the database there.
  if (opts.persistenceDir !== undefined) await chmod(opts.persistenceDir, 0o777);
  const configFile = join(dir, 'mosquitto.conf');
  const logFile = join(dir, 'mosquitto.log');
  await writeFile(configFile, configText(port, tcpPort, opts));

  const child = spawn(MOSQUITTO_PATH, ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const logStream = createWriteStream(logFile);
  child.stdout.pipe(logStream);
  child.stderr.pipe(logStream);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const log = () => readFile(logFile, 'utf8').catch(() => '');

  const kill = async () => {
    await stopChild(child, exited, STOP_TIMEOUT_MS);
    await new Promise((resolve) => logStream.end(resolve));
  };
  const stop = async () => {
    await kill();
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await Promise.race([
      waitForPort(port, START_TIMEOUT_MS),
      exited.then(() => {
        throw new Error(`mosquitto exited with code ${child.exitCode}`);
      }),
    ]);
  } catch (error) {
    await kill();
    const text = await log();
    await rm(dir, { recursive: true, force: true });
    throw new Error(`mosquitto did not start: ${(error as Error).message}\n${text}`);
  }
  return { url: `ws://127.0.0.1:${port}/mqtt`, port, tcpPort, pid: child.pid ?? 0, log, stop };
}
