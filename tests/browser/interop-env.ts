// The interop suite's setup: the brokers of the matrix (Mosquitto 3.1.1 and 5.0, Aedes 3.1.1),
// the app's worker driven through its API, and what it stored, read back from history.
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ConnectionProfile, MqttVersion, Qos } from '../../worker/protocol';
import { startDevEnv } from './dev-env';
import type { BrowserSuite } from './harness';
import { startMosquitto, type MosquittoOptions } from './mosquitto';
import { connectNodeClient, type NodeClient } from './node-client';
import { openWorkerApi, type WorkerApiCall } from './worker-api';
import { DeckApp } from './app';

export const POLL_MS = 15_000;
const HISTORY_LIMIT = 500;

export type BrokerKind = 'mosquitto' | 'aedes';

export interface BrokerCase {
  name: string;
  kind: BrokerKind;
  version: MqttVersion;
}

export const BROKERS: BrokerCase[] = [
  { name: 'Mosquitto MQTT 3.1.1', kind: 'mosquitto', version: 4 },
  { name: 'Mosquitto MQTT 5.0', kind: 'mosquitto', version: 5 },
  { name: 'Aedes MQTT 3.1.1', kind: 'aedes', version: 4 },
];

export interface InteropEnv {
  /** The broker's WebSocket URL and port (the app and the Node client both use it). */
  url: string;
  port: number;
  api: WorkerApiCall;
  version: MqttVersion;
  /** Everything the broker logged (Mosquitto only; '' for Aedes). */
  brokerLog(): Promise<string>;
  /** An independent client of the same MQTT version, closed after the test. */
  nodeClient(clientId?: string): Promise<NodeClient>;
  profile(overrides?: Partial<ConnectionProfile>): ConnectionProfile;
}

/** Starts the broker of `which` (stopped after the test), the app page and its worker API. */
export async function startInterop(
  suite: BrowserSuite,
  which: Pick<BrokerCase, 'kind' | 'version'>,
  mosquittoOptions: MosquittoOptions = {},
): Promise<InteropEnv> {
  const env = await startDevEnv(suite);
  let url = env.broker.url;
  let port = env.broker.port;
  let brokerLog = () => Promise.resolve('');
  if (which.kind === 'mosquitto') {
    // Mosquitto buffers its stdout; a log file is flushed line by line, readable mid-test.
    const dir = await suite.tempDir('deck-interop-log-');
    await chmod(dir, 0o777);
    const logFile = join(dir, 'mosquitto.log');
    const settings = [...(mosquittoOptions.settings ?? []), `log_dest file ${logFile}`];
    const mosquitto = await startMosquitto({ ...mosquittoOptions, settings });
    suite.defer(() => mosquitto.stop());
    ({ url, port } = mosquitto);
    brokerLog = () => readFile(logFile, 'utf8').catch(() => '');
  }
  const { page } = await suite.newPage();
  await DeckApp.open(page, env.appUrl);
  const api = await openWorkerApi(page);
  const version = which.version;
  return {
    url,
    port,
    api,
    version,
    brokerLog,
    nodeClient: (clientId) =>
      connectNodeClient(suite, url, {
        protocolVersion: version,
        ...(clientId === undefined ? {} : { clientId }),
      }),
    profile: (overrides = {}) => ({
      id: `interop-${which.kind}-${version}`,
      url,
      clientId: `deck-interop-${which.kind}-${version}`,
      username: '',
      password: '',
      keepaliveS: 60,
      cleanStart: true,
      protocolVersion: version,
      ...overrides,
    }),
  };
}

export async function connected(api: WorkerApiCall, profile: ConnectionProfile): Promise<void> {
  expect(await api('connect', profile)).toMatchObject({ ok: true });
  await expect
    .poll(async () => (await api('snapshot')).status.state, { timeout: POLL_MS })
    .toBe('connected');
}

export async function disconnected(api: WorkerApiCall): Promise<void> {
  await api('disconnect');
  await expect
    .poll(async () => (await api('snapshot')).status.state, { timeout: POLL_MS })
    .toBe('disconnected');
}

export async function subscribed(api: WorkerApiCall, filter: string, qos: Qos): Promise<void> {
  expect(await api('subscribe', filter, qos)).toMatchObject({ ok: true });
}

export interface Arrived {
  topic: string;
  payload: string;
  qos: Qos;
  retain: boolean;
}

// Playwright may hand a Uint8Array back as a plain object of indexed bytes.
function bytesOf(value: Uint8Array | Record<string, number>): Uint8Array {
  return value instanceof Uint8Array ? value : Uint8Array.from(Object.values(value));
}

/** Received messages stored in history under `prefix`, oldest first. */
export async function arrived(api: WorkerApiCall, prefix: string): Promise<Arrived[]> {
  const page = await api('readHistory', {
    limit: HISTORY_LIMIT,
    direction: 'received',
    topicFilter: `${prefix}/#`,
  });
  const decoder = new TextDecoder();
  return page.messages
    .map((m) => ({
      topic: m.topic,
      payload: decoder.decode(bytesOf(m.preview)),
      qos: m.qos,
      retain: m.retain,
    }))
    .reverse();
}

/** Payloads stored under `prefix`, oldest first. */
export async function payloads(api: WorkerApiCall, prefix: string): Promise<string[]> {
  return (await arrived(api, prefix)).map((m) => m.payload);
}
