// The publisher child process: one mqtt.js connection, jobs from the parent over IPC; sends as
// fast as the broker's socket takes them (QoS 1: a window of unacknowledged PUBLISHes), or paced.
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { benchTopics, encodePayload, preciseNow } from './payload';
import type {
  PublishJob,
  PublishReport,
  PublisherReply,
  PublisherRequest,
} from './publisher-client';

// Past this many unsent bytes in the socket, wait for 'drain': that is the broker pushing back.
const SOCKET_HIGH_WATER_BYTES = 1024 * 1024;
const PACE_TICK_MS = 2;

function reply(message: PublisherReply): void {
  process.send?.(message);
}

function connect(url: string): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, {
      protocolVersion: 4,
      clientId: `bench-pub-${process.pid}`,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
    });
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

function run(client: MqttClient, job: PublishJob): Promise<PublishReport> {
  const topics = benchTopics(job.topicPrefix);
  const cpuBefore = process.cpuUsage();
  const stream = client.stream;
  let sent = 0;
  let inflight = 0;
  let firstSendAt = 0;
  let lastSendAt = 0;
  let scheduled = false;
  let windowFull = false;
  const start = preciseNow();

  return new Promise((resolve, reject) => {
    const finishIfDone = () => {
      if (sent < job.count || inflight > 0) return;
      const cpu = process.cpuUsage(cpuBefore);
      resolve({ sent, firstSendAt, lastSendAt, cpuMs: (cpu.user + cpu.system) / 1000 });
    };
    const schedule = (delayMs: number) => {
      if (scheduled) return;
      scheduled = true;
      setTimeout(() => {
        scheduled = false;
        pump();
      }, delayMs);
    };
    const pump = () => {
      const due =
        job.ratePerS === undefined
          ? job.count
          : Math.min(job.count, Math.floor(((preciseNow() - start) / 1000) * job.ratePerS) + 1);
      while (sent < due && inflight < job.window) {
        if (stream.writableLength > SOCKET_HIGH_WATER_BYTES) {
          stream.once('drain', pump);
          return;
        }
        const now = preciseNow();
        if (sent === 0) firstSendAt = now;
        lastSendAt = now;
        const payload = encodePayload(job.tag, sent, now, job.sizeBytes);
        const topic = topics[sent % topics.length]!;
        sent++;
        inflight++;
        client.publish(topic, payload, { qos: job.qos }, (error) => {
          if (error) return reject(error);
          inflight--;
          if (windowFull) schedule(0);
          finishIfDone();
        });
      }
      windowFull = inflight >= job.window;
      if (sent < job.count && !windowFull) schedule(job.ratePerS === undefined ? 0 : PACE_TICK_MS);
    };
    pump();
    finishIfDone();
  });
}

let client: MqttClient | undefined;
process.on('message', (request: PublisherRequest) => {
  void (async () => {
    try {
      if (request.type === 'connect') {
        client = await connect(request.url);
        reply({ id: request.id, ok: true });
      } else if (request.type === 'publish') {
        if (!client) throw new Error('publisher is not connected');
        reply({ id: request.id, ok: true, report: await run(client, request.job) });
      } else {
        await client?.endAsync();
        reply({ id: request.id, ok: true });
        process.disconnect();
      }
    } catch (error) {
      reply({ id: request.id, ok: false, error: String(error) });
    }
  })();
});
