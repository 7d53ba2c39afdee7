// Brokers and a session harness for the session's failover, policy and MQTT 5 CONNACK tests:
// real Aedes over websocket-stream, and a scripted MQTT 5 server for what Aedes cannot say.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Aedes, type AedesOptions, type Client } from 'aedes';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import mqttPacket, { type IConnackPacket, type Packet } from 'mqtt-packet';
import websocketStream from 'websocket-stream';
import { createMqttSession, type SessionDeps } from '../../worker/mqtt-session';
import type { MqttLibrary } from '../../worker/mqtt-client';
import type { ConnectionProfile, StatusEvent } from '../../worker/protocol';

/** Run in the test file's afterEach, newest first. */
export const cleanups: (() => Promise<unknown> | void)[] = [];

function closeWebSocketServer(wss: unknown): Promise<void> {
  return new Promise((resolve) => (wss as { close(done: () => void): void }).close(resolve));
}

async function listen(onStream: (stream: websocketStream.WebSocketDuplex) => void) {
  const server = http.createServer();
  const wss = websocketStream.createServer({ server, path: '/mqtt' });
  wss.on('stream', onStream);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await closeWebSocketServer(wss);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  cleanups.push(close);
  return { url: `ws://127.0.0.1:${port}/mqtt`, close };
}

export interface AedesBroker {
  url: string;
  aedes: Aedes;
  clients: Client[];
  /** Stops the broker and drops every connection (idempotent). */
  close(): Promise<void>;
}

export async function startAedes(options: Partial<AedesOptions> = {}): Promise<AedesBroker> {
  const aedes = await Aedes.createBroker(options);
  const clients: Client[] = [];
  aedes.on('client', (client) => clients.push(client));
  const server = await listen((stream) => aedes.handle(stream));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    await server.close();
  };
  cleanups.push(close);
  return { url: server.url, aedes, clients, close };
}

/** An MQTT 5 server that accepts every CONNECT with `connack` and records what it received. */
export async function startScriptedV5(connack: Omit<IConnackPacket, 'cmd'>) {
  const received: Packet[] = [];
  const streams: websocketStream.WebSocketDuplex[] = [];
  const server = await listen((stream) => {
    streams.push(stream);
    const parser = mqttPacket.parser({ protocolVersion: 5 });
    parser.on('packet', (packet) => {
      received.push(packet);
      const send = (p: Packet) => stream.write(mqttPacket.generate(p, { protocolVersion: 5 }));
      if (packet.cmd === 'connect') send({ cmd: 'connack', ...connack });
      if (packet.cmd === 'pingreq') send({ cmd: 'pingresp' });
    });
    stream.on('data', (chunk: Buffer) => parser.parse(chunk));
    stream.on('error', () => {});
  });
  return { url: server.url, received, dropAll: () => streams.forEach((s) => s.destroy()) };
}

/** A port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function waitFor<T>(probe: () => T | undefined | false, what: string, ms = 4_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A session on the real (Node) mqtt.js, recording every status and every client it made. */
export function startSession(overrides: Partial<SessionDeps> = {}) {
  const statuses: StatusEvent[] = [];
  const clients: { url: string; options: IClientOptions; client: MqttClient }[] = [];
  const library: MqttLibrary = {
    connect(url, options) {
      const client = mqtt.connect(url, options);
      clients.push({ url, options, client });
      return client;
    },
    Store: mqtt.Store,
  };
  const session = createMqttSession({
    emit: (event) => void (event.type === 'status' && statuses.push(event)),
    sink: () => {},
    nextId: (() => {
      let id = 0;
      return () => ++id;
    })(),
    backoff: { initialDelayMs: 20, maxDelayMs: 80, multiplier: 2, jitterRatio: 0 },
    loadMqtt: () => Promise.resolve(library),
    ...overrides,
  });
  cleanups.push(() => session.disconnect());
  const last = () => statuses[statuses.length - 1];
  return { session, statuses, clients, last, urls: () => clients.map((c) => c.url) };
}

/** A 3.1.1 clean-start profile for `url`, id `name`, with a fresh client ID. */
export function sessionProfile(
  name: string,
  url: string,
  extra: Partial<ConnectionProfile> = {},
): ConnectionProfile {
  return {
    id: name,
    url,
    clientId: `deck-${name}-${Math.random().toString(16).slice(2, 10)}`,
    username: '',
    password: '',
    keepaliveS: 30,
    cleanStart: true,
    protocolVersion: 4,
    ...extra,
  };
}
