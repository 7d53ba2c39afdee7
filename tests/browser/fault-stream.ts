// The message stream of the fault tests: a Node publisher sending unique QoS 1 and QoS 2 payloads
// to Mosquitto, and what the app stored (read from its IndexedDB) compared with what was sent.
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import type { BrowserSuite } from './harness';
import { readStoredPayloads } from './page-idb';

export type StreamQos = 1 | 2;
export const STREAM_QOS: StreamQos[] = [1, 2];
// Short, so the publisher is back soon after a broker restart.
const PUBLISHER_RECONNECT_MS = 250;
const DELIVERY_POLL_MS = 1_000;

export const topicOf = (base: string, qos: StreamQos) => `${base}/q${qos}`;
const payloadOf = (qos: StreamQos, i: number) => `q${qos}-${i}`;

export interface StreamOptions {
  clientId: string;
  /** Messages per QoS level. */
  perQos: number;
  /** Messages per QoS level published before waiting for the broker's acks. */
  chunk: number;
  /** A pause after each chunk, to spread the stream over time (default none). */
  pauseMs?: number;
}

export interface Stream {
  /** Resolves when the broker has acknowledged every message. */
  done(): Promise<void>;
  /** Times the publisher connected again after its first connection. */
  reconnects(): number;
}

/**
 * Publishes the stream, QoS 1 and 2 interleaved. Keep `chunk` at most half the broker's
 * max_inflight_messages: Mosquitto disconnects a client with more QoS 2 in flight than that, and
 * the publisher's resends would then add QoS 1 duplicates the fault under test did not cause.
 */
export async function publishStream(
  suite: BrowserSuite,
  tcpPort: number,
  base: string,
  opts: StreamOptions,
): Promise<Stream> {
  // A persistent session of its own: after a broker restart, mqtt.js resends whatever the broker
  // had not acknowledged, and the broker knows which QoS 2 ids it already has.
  const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${tcpPort}`, {
    clientId: opts.clientId,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: PUBLISHER_RECONNECT_MS,
  });
  // Refused reconnects while the broker is down are expected; an unheard 'error' would throw.
  publisher.on('error', () => {});
  let reconnects = 0;
  publisher.on('connect', () => (reconnects += 1));
  suite.defer(() => publisher.endAsync(true));
  const sending = (async () => {
    for (let i = 0; i < opts.perQos; i += opts.chunk) {
      const ids = Array.from({ length: Math.min(opts.chunk, opts.perQos - i) }, (_, k) => i + k);
      await Promise.all(
        ids.flatMap((n) =>
          STREAM_QOS.map((qos) =>
            publisher.publishAsync(topicOf(base, qos), payloadOf(qos, n), { qos }),
          ),
        ),
      );
      if (opts.pauseMs) await new Promise((resolve) => setTimeout(resolve, opts.pauseMs));
    }
  })();
  // A test that fails early ends the publisher mid-stream: not an unhandled rejection then.
  sending.catch(() => {});
  return { done: () => sending, reconnects: () => reconnects };
}

export interface Delivery {
  qos: StreamQos;
  sent: number;
  /** Messages stored, duplicates included. */
  stored: number;
  lost: number;
  duplicated: number;
  /** Stored payloads that were never sent. */
  unexpected: number;
}

async function delivery(page: Page, base: string, perQos: number): Promise<Delivery[]> {
  const out: Delivery[] = [];
  for (const qos of STREAM_QOS) {
    const stored = (await readStoredPayloads(page, topicOf(base, qos))).map((p) =>
      Buffer.from(p.bytes ?? []).toString(),
    );
    const sent = new Set(Array.from({ length: perQos }, (_, i) => payloadOf(qos, i)));
    const distinct = new Set(stored);
    out.push({
      qos,
      sent: sent.size,
      stored: stored.length,
      lost: [...sent].filter((p) => !distinct.has(p)).length,
      duplicated: stored.length - distinct.size,
      unexpected: [...distinct].filter((p) => !sent.has(p)).length,
    });
  }
  return out;
}

/** What the app stored of the stream, once nothing is missing or `timeoutMs` has passed. */
export async function storedDelivery(
  page: Page,
  base: string,
  perQos: number,
  timeoutMs: number,
): Promise<Delivery[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await delivery(page, base, perQos);
    if (result.every((d) => d.lost === 0) || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, DELIVERY_POLL_MS));
  }
}

/** One line per QoS level for the test's output (the closing table). */
export function describeDelivery(scenario: string, result: Delivery[]): string {
  return result
    .map(
      (d) =>
        `${scenario} QoS ${d.qos}: sent ${d.sent}, stored ${d.stored}, lost ${d.lost}, ` +
        `duplicated ${d.duplicated}, unexpected ${d.unexpected}`,
    )
    .join('\n');
}
