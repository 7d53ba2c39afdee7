// The dev MQTT broker: Aedes behind a websocket-stream listener on 127.0.0.1, with optional users.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Aedes, type AuthenticateError, type AuthErrorCode } from 'aedes';
import websocketStream from 'websocket-stream';
import { formatHostForUrl } from './cli-helpers';

export type DevBrokerOptions = {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  path?: string;
  /** username → password; when set, every client must present one of these. */
  users?: Record<string, string>;
};

export type DevBroker = {
  /** e.g. ws://127.0.0.1:9001/mqtt */
  url: string;
  port: number;
  aedes: Aedes;
  close(): Promise<void>;
};

// MQTT 3.1.1 CONNACK return codes (Aedes maps them to MQTT 5 reason codes itself).
const BAD_USERNAME_OR_PASSWORD: AuthErrorCode = 4;
const NOT_AUTHORIZED: AuthErrorCode = 5;

function authError(message: string, returnCode: AuthErrorCode): AuthenticateError {
  return Object.assign(new Error(message), { returnCode });
}

export async function startDevBroker(opts: DevBrokerOptions = {}): Promise<DevBroker> {
  const host = opts.host ?? '127.0.0.1';
  const path = opts.path ?? '/mqtt';
  const users = opts.users;

  const aedes = await Aedes.createBroker({
    authenticate: (_client, username, password, done) => {
      if (!users) return done(null, true);
      if (username === undefined) return done(authError('not authorized', NOT_AUTHORIZED), null);
      const expected = Object.hasOwn(users, username) ? users[username] : undefined;
      if (expected === undefined || password?.toString('utf8') !== expected) {
        return done(authError('bad username or password', BAD_USERNAME_OR_PASSWORD), null);
      }
      done(null, true);
    },
  });

  // Plain HTTP requests to the broker port get a hint instead of a hung socket.
  const httpServer = createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`This is an MQTT over WebSocket endpoint: connect to ws://…${path}\n`);
  });
  // websocket-stream (not ws + createWebSocketStream): its writev joins the chunks Aedes writes
  // for one packet, so every PUBLISH leaves as a single WebSocket frame. ws's default maxPayload
  // (100 MiB) and no permessage-deflate suit large payloads on loopback.
  const wss = websocketStream.createServer({ server: httpServer, path, perMessageDeflate: false });
  wss.on('stream', (stream, req) => aedes.handle(stream, req));
  // ws re-emits the http server's errors; a listener keeps them from crashing the process.
  wss.on('error', () => {});

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(opts.port ?? 0, host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // The caller may retry on another port: leave no broker behind.
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    throw error;
  }
  const port = (httpServer.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      // Terminates every WebSocket: upgraded sockets are out of closeAllConnections' reach. The cast
      // is because websocket-stream's typings resolve to @types/ws's ESM entry and lose close().
      const wsServer = wss as unknown as { close(done: () => void): void };
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    })();
    return closing;
  };

  return { url: `ws://${formatHostForUrl(host)}:${port}${path}`, port, aedes, close };
}
