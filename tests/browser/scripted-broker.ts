// A scripted MQTT broker for browser fault tests: mqtt-packet over a WebSocket on 127.0.0.1,
// each connection's packets recorded, the test deciding what is sent and when.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mqttPacket from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';
import websocketStream from 'websocket-stream';
import type { BrowserSuite } from './harness';

export interface ScriptedConnection {
  /** Every packet received on this connection, oldest first. */
  received: Packet[];
  send(packet: Packet): void;
  /** Writes bytes as they are, malformed or not (one WebSocket frame). */
  sendRaw(bytes: Uint8Array): void;
  /** The MQTT version of the CONNECT (4 or 5); packets are generated for it. */
  version(): number;
  /** Resolves once the client closed this connection (or it was closed). */
  closed(timeoutMs?: number): Promise<void>;
  /** Resolves with the first received packet (already or later) that `match` accepts. */
  next(match: (packet: Packet) => boolean, timeoutMs?: number): Promise<Packet>;
}

export interface ScriptedBroker {
  url: string;
  /** Resolves with the `n`-th connection (1-based) once its CONNECT arrived. */
  connection(n: number, timeoutMs?: number): Promise<ScriptedConnection>;
  /** How many CONNECTs arrived so far. */
  connectionCount(): number;
}

export interface ScriptedBrokerOptions {
  /** The CONNACK for the n-th connection, beyond returnCode/sessionPresent (MQTT 5 properties). */
  connack?: (n: number) => Partial<Extract<Packet, { cmd: 'connack' }>>;
}

const WAIT_MS = 15_000;

/** Starts a broker that answers CONNECT with `sessionPresent(n)` for the n-th connection. */
export async function startScriptedBroker(
  suite: BrowserSuite,
  sessionPresent: (n: number) => boolean,
  options: ScriptedBrokerOptions = {},
): Promise<ScriptedBroker> {
  const connections: ScriptedConnection[] = [];
  const wake = new Set<() => void>();
  const notify = () => wake.forEach((f) => f());
  const waitUntil = <T>(get: () => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = get();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`scripted broker: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        wake.delete(check);
      };
      wake.add(check);
      check();
    });

  const server = http.createServer();
  const wss = websocketStream.createServer({ server, path: '/mqtt' });
  wss.on('stream', (stream) => {
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    const received: Packet[] = [];
    let protocolVersion = 4;
    let ended = false;
    const connection: ScriptedConnection = {
      received,
      send: (packet) => void stream.write(mqttPacket.generate(packet, { protocolVersion })),
      sendRaw: (bytes) => void stream.write(Buffer.from(bytes)),
      version: () => protocolVersion,
      closed: (timeoutMs = WAIT_MS) =>
        waitUntil(() => (ended ? true : undefined), 'close', timeoutMs).then(() => {}),
      next: (match, timeoutMs = WAIT_MS) =>
        waitUntil(() => received.find(match), 'matching packet', timeoutMs),
    };
    stream.on('close', () => {
      ended = true;
      notify();
    });
    parser.on('packet', (packet) => {
      received.push(packet);
      if (packet.cmd === 'connect') {
        protocolVersion = packet.protocolVersion ?? 4;
        connections.push(connection);
        const present = packet.clean ? false : sessionPresent(connections.length);
        const extra = options.connack?.(connections.length) ?? {};
        const code = protocolVersion === 5 ? { reasonCode: 0 } : { returnCode: 0 };
        connection.send({ cmd: 'connack', ...code, sessionPresent: present, ...extra });
      } else if (packet.cmd === 'pingreq') {
        connection.send({ cmd: 'pingresp' });
      }
      notify();
    });
    stream.on('data', (chunk: Buffer) => parser.parse(chunk));
    stream.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  suite.defer(
    () =>
      new Promise<void>((resolve) => {
        // ws's own close (websocket-stream's types leave it out); it ends open sockets too.
        (wss as unknown as { close(done: () => void): void }).close(() => {});
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/mqtt`,
    connection: (n, timeoutMs = WAIT_MS) =>
      waitUntil(() => connections[n - 1], `connection ${n}`, timeoutMs),
    connectionCount: () => connections.length,
  };
}
