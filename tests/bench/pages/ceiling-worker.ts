// The ceiling: mqtt.js alone in a dedicated worker, counting messages; no UI, no storage, no
// posting per message. The limit of this machine for the app's own transport.
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import type { CeilingReport, CeilingRequest } from './ceiling-main';
import { serveRequests } from './worker-rpc';

let client: MqttClient | undefined;
let count = 0;
let lastAt = 0;

function connect(url: string, filter: string): Promise<CeilingReport> {
  return new Promise((resolve, reject) => {
    // Same protocol version and options as the app's default profile: MQTT 3.1.1, clean session.
    const c = mqtt.connect(url, {
      protocolVersion: 4,
      clientId: `bench-ceiling-${Math.random().toString(16).slice(2, 10)}`,
      reconnectPeriod: 0,
      clean: true,
    });
    c.on('message', () => {
      count++;
      lastAt = performance.timeOrigin + performance.now();
    });
    c.once('error', reject);
    c.once('connect', () => {
      c.subscribe(filter, { qos: 0 }, (error) => {
        if (error) return reject(error);
        client = c;
        resolve({ count, lastAt });
      });
    });
  });
}

serveRequests<CeilingRequest, CeilingReport>(async (request) => {
  if (request.type === 'connect') return connect(request.url, request.filter);
  if (request.type === 'reset') {
    count = 0;
    lastAt = 0;
  } else if (request.type === 'close') {
    await client?.endAsync();
  }
  return { count, lastAt };
});
