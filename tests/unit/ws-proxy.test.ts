// The fault proxy of the browser tests does what the fault scenarios rely on: forwards bytes
// untouched, stalls one way, black-holes without answering or closing, and drops with FIN or RST.
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { startWsProxy, type WsProxy } from '../fixtures/servers/ws-proxy';

// Long enough for a byte on loopback to have arrived had it been forwarded.
const SETTLE_MS = 150;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

interface Upstream {
  port: number;
  /** Sockets the upstream accepted, with what each received so far. */
  peers: { socket: Socket; received: string }[];
  close(): Promise<void>;
}

/** A TCP server that records what it receives and answers "ok:" + each chunk. */
async function startUpstream(): Promise<Upstream> {
  const peers: Upstream['peers'] = [];
  const server = createServer((socket) => {
    const peer = { socket, received: '' };
    peers.push(peer);
    socket.on('data', (chunk) => {
      peer.received += chunk.toString();
      socket.write(`ok:${chunk.toString()}`);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    peers,
    close: () => {
      for (const peer of peers) peer.socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

interface Client {
  socket: Socket;
  received(): string;
  ended: Promise<string>;
}

async function connect(proxy: WsProxy): Promise<Client> {
  const socket = createConnection({ port: proxy.port, host: '127.0.0.1' });
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  const ended = new Promise<string>((resolve) => {
    socket.on('end', () => resolve('fin'));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  return { socket, received: () => received, ended };
}

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function rig(): Promise<{ upstream: Upstream; proxy: WsProxy }> {
  const upstream = await startUpstream();
  const proxy = await startWsProxy(upstream.port);
  cleanups.push(
    () => upstream.close(),
    () => proxy.close(),
  );
  return { upstream, proxy };
}

describe('ws-proxy', () => {
  test('forwards both ways and counts connections', async () => {
    const { upstream, proxy } = await rig();
    const client = await connect(proxy);
    client.socket.write('hello');
    await expect.poll(() => client.received()).toBe('ok:hello');
    expect(upstream.peers[0]?.received).toBe('hello');
    expect([proxy.accepted, proxy.open, proxy.acceptedAt.length]).toEqual([1, 1, 1]);
  });

  test('a stall holds one direction and resume delivers it in order', async () => {
    const { upstream, proxy } = await rig();
    const client = await connect(proxy);
    proxy.stall('downstream');
    client.socket.write('a');
    await expect.poll(() => upstream.peers[0]?.received).toBe('a');
    await settle();
    expect(client.received()).toBe('');
    proxy.resume('downstream');
    await expect.poll(() => client.received()).toBe('ok:a');
  });

  test('a black hole answers nothing, closes nothing, and delivers all once restored', async () => {
    const { upstream, proxy } = await rig();
    const live = await connect(proxy);
    await expect.poll(() => upstream.peers.length).toBe(1);
    proxy.blackHole(true);
    live.socket.write('one');
    const held = await connect(proxy);
    held.socket.write('two');
    await settle();
    expect(upstream.peers.map((p) => p.received)).toEqual(['']);
    expect([live.received(), held.received(), proxy.accepted]).toEqual(['', '', 2]);
    proxy.blackHole(false);
    await expect.poll(() => live.received()).toBe('ok:one');
    await expect.poll(() => held.received()).toBe('ok:two');
    expect(live.socket.destroyed || held.socket.destroyed).toBe(false);
  });

  test.each([
    ['fin', 'fin'],
    ['rst', 'ECONNRESET'],
  ] as const)('drop(%s) ends the client with %s', async (how, seen) => {
    const { proxy } = await rig();
    const client = await connect(proxy);
    await expect.poll(() => proxy.open).toBe(1);
    proxy.drop(how);
    expect(await client.ended).toBe(seen);
    client.socket.destroy();
  });
});
