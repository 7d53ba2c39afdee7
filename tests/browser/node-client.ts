// A Node mqtt.js client beside the browser: publishes what the app should see, hears what it sends.
import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import type { BrowserSuite } from './harness';

export interface ReceivedMessage {
  topic: string;
  payload: Buffer;
  packet: IPublishPacket;
}

export interface NodeClient {
  client: MqttClient;
  /** Every message received so far, oldest first. */
  received: ReceivedMessage[];
  /** Resolves with the first message (already received or not) on `topic`. */
  waitFor(topic: string, timeoutMs?: number): Promise<ReceivedMessage>;
}

const WAIT_TIMEOUT_MS = 10_000;

/** Connects a Node client (closed after the test) and records what it receives. */
export async function connectNodeClient(
  suite: BrowserSuite,
  url: string,
  opts: IClientOptions = {},
): Promise<NodeClient> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...opts });
  suite.defer(() => client.endAsync(true));
  const received: ReceivedMessage[] = [];
  const waiters = new Set<() => void>();
  client.on('message', (topic, payload, packet) => {
    received.push({ topic, payload, packet });
    for (const wake of waiters) wake();
  });
  const waitFor = (topic: string, timeoutMs = WAIT_TIMEOUT_MS) =>
    new Promise<ReceivedMessage>((resolve, reject) => {
      const check = () => {
        const found = received.find((m) => m.topic === topic);
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`the Node client received nothing on "${topic}" in ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return { client, received, waitFor };
}
