// The simulated devices: one mqtt.js client per sensor publishing telemetry and answering commands.
import mqtt, { type MqttClient } from 'mqtt';
import {
  createSeededRandom,
  diagnosticsOf,
  handleCommand,
  initialDeviceState,
  nextTelemetry,
  statusOf,
  type DeviceState,
  type Random,
} from './device-model';

/** Where the devices publish unless told otherwise: `<prefix>/<id>/telemetry` and so on. */
export const DEVICE_TOPIC_PREFIX = 'deck/devices';

export type SimulatedDeviceOptions = {
  brokerUrl: string;
  devices?: number;
  intervalMs?: number;
  prefix?: string;
  /** Fixes the random walks (device i uses seed + i); random when omitted. */
  seed?: number;
};

export type SimulatedDevice = { deviceIds: string[]; stop(): Promise<void> };

const RECONNECT_PERIOD_MS = 1_000;
// stop() must finish even if the broker went away first.
const STOP_PUBLISH_TIMEOUT_MS = 1_000;

type Sensor = { stop(): Promise<void> };

async function startSensor(
  brokerUrl: string,
  topicBase: string,
  id: string,
  state: DeviceState,
  random: Random,
): Promise<Sensor> {
  const statusTopic = `${topicBase}/online`;
  const cmdTopic = `${topicBase}/cmd`;
  const client: MqttClient = await mqtt.connectAsync(
    brokerUrl,
    {
      clientId: `deck-sim-${id}`,
      reconnectPeriod: RECONNECT_PERIOD_MS,
      // Stale telemetry is worthless: drop QoS 0 samples while offline instead of queueing them.
      queueQoSZero: false,
      will: { topic: statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    },
    false,
  );
  // mqtt.js logs nothing by itself; a lost broker shows up as reconnects, not as a crash.
  client.on('error', () => {});

  const startedAt = Date.now();
  // Retained, so a switch tile shows the relay's state as soon as it subscribes.
  const publishRelay = (): void => {
    client.publish(`${topicBase}/relay`, String(state.relay === true), { qos: 1, retain: true });
  };
  const announce = (): void => {
    client.publish(statusTopic, 'online', { qos: 1, retain: true });
    publishRelay();
  };
  announce();
  client.on('connect', announce);

  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(tick, state.intervalMs);
  };
  const tick = (): void => {
    const step = nextTelemetry(state, random, Date.now());
    state = step.state;
    if (client.connected) {
      client.publish(`${topicBase}/telemetry`, JSON.stringify(step.telemetry));
      // The variety a demo dashboard binds to: a status enum and a nested JSON object.
      // Not retained: Aedes does not forward live retained QoS 0 to persistent sessions.
      client.publish(`${topicBase}/status`, statusOf(step.telemetry.temperature));
      const uptimeS = Math.round((Date.now() - startedAt) / 1_000);
      client.publish(
        `${topicBase}/diagnostics`,
        JSON.stringify(diagnosticsOf(state, random, uptimeS)),
      );
    }
    schedule();
  };

  client.on('message', (topic, payload, packet) => {
    // A retained command is a stale replay on (re)subscribe, not something a person just sent.
    if (topic !== cmdTopic || packet.retain) return;
    const before = state;
    const result = handleCommand(payload.toString('utf8'), state, Date.now());
    state = result.state;
    client.publish(`${cmdTopic}/ack`, JSON.stringify(result.ack), { qos: 1 });
    if (state.intervalMs !== before.intervalMs) schedule();
    if (state.relay !== before.relay) publishRelay();
  });

  try {
    await client.subscribeAsync(cmdTopic, { qos: 1 });
  } catch (error) {
    await client.endAsync(true);
    throw error;
  }
  schedule();

  return {
    async stop() {
      clearTimeout(timer);
      if (client.connected) {
        const offline = client.publishAsync(statusTopic, 'offline', { qos: 1, retain: true });
        await Promise.race([offline.catch(() => {}), delay(STOP_PUBLISH_TIMEOUT_MS)]);
      }
      await client.endAsync(true);
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export async function startSimulatedDevice(opts: SimulatedDeviceOptions): Promise<SimulatedDevice> {
  const count = opts.devices ?? 3;
  const intervalMs = opts.intervalMs ?? 1_000;
  const prefix = opts.prefix ?? DEVICE_TOPIC_PREFIX;
  const deviceIds = Array.from({ length: count }, (_, i) => `sensor-${i + 1}`);

  const started = await Promise.allSettled(
    deviceIds.map((id, i) => {
      const random = opts.seed === undefined ? Math.random : createSeededRandom(opts.seed + i);
      const state = initialDeviceState(random, intervalMs);
      return startSensor(opts.brokerUrl, `${prefix}/${id}`, id, state, random);
    }),
  );
  const sensors = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failure = started.find((r) => r.status === 'rejected');
  if (failure) {
    await Promise.all(sensors.map((s) => s.stop()));
    throw new Error(`simulated device could not connect to ${opts.brokerUrl}`, {
      cause: failure.reason,
    });
  }

  let stopping: Promise<void> | undefined;
  return {
    deviceIds,
    stop: () => (stopping ??= Promise.all(sensors.map((s) => s.stop())).then(() => {})),
  };
}
