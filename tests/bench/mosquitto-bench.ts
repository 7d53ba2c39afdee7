// Mosquitto for the bench: a WebSocket listener for the browser and a TCP one for the publisher,
// configured for the load (deep queues, a wide in-flight window, no per-message logging).
import { startMosquitto } from '../fixtures/servers/mosquitto';
import { processCpuMs } from './proc-cpu';
import type { BenchBroker } from './bench-broker';

/** What in Mosquitto's log can explain lost messages: a client cut off, a queue dropped. */
const NOTABLE = /timeout|error|dropp|memory|warning|denied|exceeded/i;
/**
 * QoS 1/2 messages out to one client before its PUBACKs (default 20): a small window caps a
 * subscriber at one window per round trip, and acknowledging after a batch's IndexedDB commit
 * (the reliability work) would starve it. Below 65,535, so packet ids are never reused in flight.
 */
export const MOSQUITTO_MAX_INFLIGHT = 10_000;

/** Mosquitto's defaults (1,000 queued, 20 in flight) drop QoS 1 for a slow subscriber. */
const LOAD_SETTINGS = [
  // 0 means no limit, so a subscriber slower than the publisher reads a queue instead of losing it.
  'max_queued_messages 0',
  'max_queued_bytes 0',
  `max_inflight_messages ${MOSQUITTO_MAX_INFLIGHT}`,
  'set_tcp_nodelay true',
];

export async function startBenchMosquitto(): Promise<BenchBroker> {
  const { url, tcpPort, pid, log, stop } = await startMosquitto({
    settings: LOAD_SETTINGS,
    // Not 'all': debug logging writes a line per PUBLISH and would be the bottleneck.
    logTypes: ['error', 'warning', 'notice'],
  });
  return {
    name: 'mosquitto',
    browserUrl: url,
    publisherUrl: `mqtt://127.0.0.1:${tcpPort}`,
    describe: `Mosquitto 2.0 (max_queued_messages 0, max_inflight_messages ${MOSQUITTO_MAX_INFLIGHT}); publisher over TCP`,
    cpuMs: async () => processCpuMs(pid),
    async notableLog(fromMs, untilMs) {
      // Lines read "1700000000: text", the time in whole seconds.
      return (await log()).split('\n').filter((line) => {
        const ms = Number(line.slice(0, line.indexOf(':'))) * 1000;
        return NOTABLE.test(line) && ms >= fromMs - 1000 && ms <= untilMs;
      });
    },
    stop,
  };
}
