// A TCP proxy on 127.0.0.1 in front of a broker's WebSocket listener, under the test's control:
// drop, stall and black-hole connections. Bytes pass through untouched (handshake and frames).
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

/** Which way a stall holds bytes: to the broker, to the client, or both. */
export type Direction = 'upstream' | 'downstream' | 'both';

export interface WsProxy {
  /** ws://127.0.0.1:PORT/mqtt: point the app here instead of at the broker. */
  url: string;
  port: number;
  /** Connections accepted from clients since the start (each WebSocket attempt is one). */
  readonly accepted: number;
  /** When each was accepted (Date.now()), oldest first. */
  readonly acceptedAt: readonly number[];
  /** Connections open now. */
  readonly open: number;
  /** Ends every live connection on both sides: FIN (then closes the socket), or RST (`'rst'`). */
  drop(how?: 'fin' | 'rst'): void;
  /** Stops forwarding (live and new connections) one way or both, closing nothing. */
  stall(direction?: Direction): void;
  /** Forwards again what a stall held, in order. */
  resume(direction?: Direction): void;
  /**
   * On: a network partition. Live connections forward nothing either way, new ones are accepted
   * but not connected to the broker; nothing is answered and nothing closed. Off: everything held
   * (bytes, a client's FIN, held connections) goes through, as TCP retransmission would deliver it.
   */
  blackHole(on: boolean): void;
  /** Destroys every connection and stops listening. */
  close(): Promise<void>;
}

interface Pipe {
  client: Socket;
  broker?: Socket;
}

/** Copies `from` to `to`; a paused `from` keeps its bytes (and its FIN) in the kernel. */
function forward(from: Socket, to: Socket, held: () => boolean): void {
  from.on('data', (chunk) => {
    if (to.write(chunk)) return;
    from.pause();
    to.once('drain', () => {
      if (!held()) from.resume();
    });
  });
  from.on('end', () => to.end());
  if (held()) from.pause();
}

/** Starts a proxy to `brokerPort` on 127.0.0.1; stop it with `close()`. */
export async function startWsProxy(brokerPort: number, path = '/mqtt'): Promise<WsProxy> {
  const pipes = new Set<Pipe>();
  const stalled = { upstream: false, downstream: false };
  let holeOn = false;
  const acceptedAt: number[] = [];

  const heldUp = () => stalled.upstream || holeOn;
  const heldDown = () => stalled.downstream || holeOn;
  const end = (pipe: Pipe) => {
    pipe.client.destroy();
    pipe.broker?.destroy();
    pipes.delete(pipe);
  };
  const connectBroker = (pipe: Pipe) => {
    const broker = createConnection({ port: brokerPort, host: '127.0.0.1' });
    pipe.broker = broker;
    broker.on('error', () => end(pipe));
    broker.on('close', () => end(pipe));
    forward(pipe.client, broker, heldUp);
    forward(broker, pipe.client, heldDown);
  };
  const apply = () => {
    for (const pipe of pipes) {
      if (!pipe.broker && !holeOn) connectBroker(pipe);
      if (!pipe.broker) continue;
      if (heldUp()) pipe.client.pause();
      else pipe.client.resume();
      if (heldDown()) pipe.broker.pause();
      else pipe.broker.resume();
    }
  };

  const server = createServer({ pauseOnConnect: true }, (client) => {
    acceptedAt.push(Date.now());
    const pipe: Pipe = { client };
    pipes.add(pipe);
    client.on('error', () => end(pipe));
    client.on('close', () => end(pipe));
    if (!holeOn) connectBroker(pipe);
    if (!heldUp()) client.resume();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const setStall = (direction: Direction, on: boolean) => {
    if (direction !== 'downstream') stalled.upstream = on;
    if (direction !== 'upstream') stalled.downstream = on;
    apply();
  };

  return {
    url: `ws://127.0.0.1:${port}${path}`,
    port,
    get accepted() {
      return acceptedAt.length;
    },
    acceptedAt,
    get open() {
      return pipes.size;
    },
    drop(how = 'fin') {
      for (const pipe of [...pipes]) {
        for (const socket of [pipe.client, pipe.broker]) {
          if (how === 'rst') socket?.resetAndDestroy();
          else socket?.destroySoon();
        }
        pipes.delete(pipe);
      }
    },
    stall: (direction = 'both') => setStall(direction, true),
    resume: (direction = 'both') => setStall(direction, false),
    blackHole(on) {
      holeOn = on;
      apply();
    },
    close() {
      for (const pipe of [...pipes]) end(pipe);
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
