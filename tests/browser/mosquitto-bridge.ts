// Two Debian Mosquittos bridged to each other on loopback, a stand-in for a broker cluster: a
// message published on either reaches subscribers on both. Each has a WebSocket and a TCP listener.
import mqtt from 'mqtt';
import type { BrowserSuite } from './harness';
import { startMosquitto, type Mosquitto, type MosquittoOptions } from './mosquitto';

const BRIDGE_UP_TIMEOUT_MS = 10_000;
const KILL_TIMEOUT_MS = 5_000;
const PROBE_INTERVAL_MS = 200;
const PROBE_TOPIC = 'deck-probe/bridge-up';

export interface MosquittoBridge {
  /** Holds the bridge connection (A dials B); kill it and B carries on alone. */
  a: Mosquitto;
  b: Mosquitto;
  /** SIGSTOPs A: it reads, forwards and acknowledges nothing more (the kernel still buffers). */
  freezeA(): void;
  /** SIGKILLs A (frozen or not): no DISCONNECT, no flush; its sockets close with the process. */
  killA(): Promise<void>;
}

/**
 * One bridge connection, from A to B, carries both directions (`topic # both 1`): a second one
 * from B to A would send every message round in a loop. It speaks 3.1.1 to B, as most cluster
 * bridges do, whatever version the clients of either broker use.
 */
function bridgeSettings(bTcpPort: number): string[] {
  return [
    'connection a-to-b',
    `address 127.0.0.1:${bTcpPort}`,
    'topic # both 1',
    'cleansession true',
    // B then knows the bridge for one and sends it nothing it sent: with try_private false, B
    // echoed what A forwarded and A's subscribers heard everything published on A twice.
    'try_private true',
    'bridge_protocol_version mqttv311',
    // Retry quickly if B is still starting; the tests wait for the bridge to be up anyway.
    'restart_timeout 1',
  ];
}

/**
 * Resolves once a probe published on B reaches a subscriber on A. Published again until then: a
 * bridge that is still connecting drops what was published before its SUBSCRIBE.
 */
async function bridgeUp(a: Mosquitto, b: Mosquitto): Promise<void> {
  const onA = await mqtt.connectAsync(a.url, { reconnectPeriod: 0 });
  const onB = await mqtt.connectAsync(b.url, { reconnectPeriod: 0 });
  try {
    let seen = false;
    onA.on('message', () => (seen = true));
    await onA.subscribeAsync(PROBE_TOPIC, { qos: 1 });
    const deadline = Date.now() + BRIDGE_UP_TIMEOUT_MS;
    while (!seen) {
      if (Date.now() > deadline) {
        throw new Error(
          `the bridge from A to B was not up after ${BRIDGE_UP_TIMEOUT_MS} ms\n` +
            `A's log:\n${await a.log()}\nB's log:\n${await b.log()}`,
        );
      }
      await onB.publishAsync(PROBE_TOPIC, 'up', { qos: 1 });
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
  } finally {
    await Promise.all([onA.endAsync(true), onB.endAsync(true)]);
  }
}

/** Resolves once `pid` no longer exists (Node reaps its children as they exit). */
async function gone(pid: number): Promise<void> {
  const deadline = Date.now() + KILL_TIMEOUT_MS;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`process ${pid} still runs after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts B, then A bridged to it, waits until the bridge carries messages; both stopped after. */
export async function startMosquittoBridge(
  suite: BrowserSuite,
  opts: MosquittoOptions = {},
): Promise<MosquittoBridge> {
  // Debian's 2.0.11 binds WebSocket listeners on every interface (see mosquitto.ts): harmless,
  // every client here connects on loopback.
  const b = await startMosquitto(opts);
  suite.defer(() => b.stop());
  const a = await startMosquitto({
    ...opts,
    settings: [...(opts.settings ?? []), ...bridgeSettings(b.tcpPort)],
  });
  suite.defer(() => a.stop());
  await bridgeUp(a, b);
  return {
    a,
    b,
    freezeA() {
      process.kill(a.pid, 'SIGSTOP');
    },
    async killA() {
      process.kill(a.pid, 'SIGKILL');
      await gone(a.pid);
    },
  };
}
