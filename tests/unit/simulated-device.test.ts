// The simulated device: its pure telemetry and command logic, then the real thing against the dev broker.
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startDevBroker } from '../../broker-dev/dev-broker';
import {
  createSeededRandom,
  handleCommand,
  initialDeviceState,
  MAX_COMMAND_CHARS,
  nextTelemetry,
  type DeviceState,
} from '../../broker-dev/device-model';
import { startSimulatedDevice } from '../../broker-dev/simulated-device';

const NOW = 1_764_200_000_000;
const decimals = (n: number): number => (String(n).split('.')[1] ?? '').length;

describe('telemetry generator', () => {
  it('is deterministic for a seed', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const c = createSeededRandom(43);
    const seriesA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seriesA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seriesA);
    expect(seriesA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('walks plausibly: bounded, small steps, rounded, battery draining', () => {
    const random = createSeededRandom(7);
    const first = initialDeviceState(random, 1_000);
    let state = first;
    let previous = nextTelemetry(state, random, NOW).telemetry;
    const problems = new Set<string>();
    for (let i = 1; i <= 20_000; i++) {
      const step = nextTelemetry(state, random, NOW + i);
      const t = step.telemetry;
      const keys = Object.keys(t).sort().join();
      if (keys !== 'battery,humidity,temperature,ts') problems.add(`keys ${keys}`);
      if (t.ts !== NOW + i) problems.add('ts');
      if (t.temperature < 15 || t.temperature > 30) problems.add(`temperature ${t.temperature}`);
      if (t.humidity < 30 || t.humidity > 70) problems.add(`humidity ${t.humidity}`);
      if (Math.abs(t.temperature - previous.temperature) >= 0.7) problems.add('temperature jump');
      if (decimals(t.temperature) > 2 || decimals(t.humidity) > 1) problems.add('not rounded');
      if (!Number.isInteger(t.battery) || t.battery < 0 || t.battery > 100) problems.add('battery');
      if (step.state.battery > state.battery && step.state.battery !== 100)
        problems.add('charging');
      previous = t;
      state = step.state;
    }
    expect([...problems]).toEqual([]);
    expect(state.battery).toBeLessThan(first.battery);
  });
});

describe('command handler', () => {
  const state: DeviceState = { temperature: 21, humidity: 50, battery: 90, intervalMs: 1_000 };

  it('acknowledges reboot and applies set-interval', () => {
    expect(handleCommand('{"action":"reboot"}', state, NOW)).toEqual({
      ack: { ok: true, command: { action: 'reboot' }, ts: NOW },
      state,
    });
    const result = handleCommand('{"action":"set-interval","ms":500}', state, NOW);
    expect(result.ack.ok).toBe(true);
    expect(result.state.intervalMs).toBe(500);
    expect(state.intervalMs).toBe(1_000);
  });

  it.each([
    ['{"action":"set-interval","ms":-5}', /ms/],
    ['{"action":"set-interval","ms":"fast"}', /ms/],
    ['{"action":"set-interval","ms":12.5}', /ms/],
    ['{"action":"self-destruct"}', /unknown action/],
    ['{"ms":500}', /action/],
    ['[1,2]', /action/],
    ['null', /action/],
    ['42', /action/],
  ])('refuses %s with ok:false and keeps the state', (text, error) => {
    const result = handleCommand(text, state, NOW);
    expect(result.ack.ok).toBe(false);
    expect(result.ack.error).toMatch(error);
    expect(result.ack.command).toEqual(JSON.parse(text));
    expect(result.state).toBe(state);
  });

  it('answers a payload that is not JSON, echoing it as text', () => {
    const result = handleCommand('<script>alert(1)</script>', state, NOW);
    expect(result.ack).toEqual({
      ok: false,
      command: '<script>alert(1)</script>',
      error: 'payload is not JSON',
      ts: NOW,
    });
  });

  it('refuses an oversized command with a short echo', () => {
    const result = handleCommand('x'.repeat(MAX_COMMAND_CHARS + 1), state, NOW);
    expect(result.ack.ok).toBe(false);
    expect(String(result.ack.command).length).toBeLessThan(300);
  });
});

describe('simulated device against the dev broker', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  type Received = { topic: string; text: string; retain: boolean; at: number };
  async function watch(
    url: string,
    filter: string,
  ): Promise<{ client: MqttClient; got: Received[] }> {
    const client = await mqtt.connectAsync(url, { reconnectPeriod: 0 }, false);
    cleanups.push(() => client.endAsync(true));
    const got: Received[] = [];
    client.on('message', (topic, payload, packet) =>
      got.push({ topic, text: payload.toString(), retain: packet.retain, at: Date.now() }),
    );
    await client.subscribeAsync(filter, { qos: 1 });
    return { client, got };
  }

  async function waitFor<T>(find: () => T | undefined, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('announces itself, streams telemetry, answers commands and leaves "offline"', async () => {
    const broker = await startDevBroker({ port: 0 });
    cleanups.push(() => broker.close());
    const device = await startSimulatedDevice({
      brokerUrl: broker.url,
      devices: 2,
      intervalMs: 50,
    });
    cleanups.push(() => device.stop());
    expect(device.deviceIds).toEqual(['sensor-1', 'sensor-2']);

    const { client, got } = await watch(broker.url, 'deck/devices/#');
    const base = 'deck/devices/sensor-1';
    const online = await waitFor(() => got.find((m) => m.topic === `${base}/online`));
    expect(online).toMatchObject({ text: 'online', retain: true });

    const sample = await waitFor(() => got.find((m) => m.topic === `${base}/telemetry`));
    const telemetry: unknown = JSON.parse(sample.text);
    expect(telemetry).toEqual({
      temperature: expect.any(Number),
      humidity: expect.any(Number),
      battery: expect.any(Number),
      ts: expect.any(Number),
    });
    await waitFor(() => got.find((m) => m.topic === 'deck/devices/sensor-2/telemetry'));

    await client.publishAsync(`${base}/cmd`, 'not json', { qos: 1 });
    const refused = await waitFor(() => got.find((m) => m.topic === `${base}/cmd/ack`));
    expect(JSON.parse(refused.text)).toMatchObject({ ok: false, command: 'not json' });

    // Slow sensor-1 to one sample a second: it falls silent while sensor-2 keeps its 50 ms pace.
    const command = { action: 'set-interval', ms: 1_000 };
    await client.publishAsync(`${base}/cmd`, JSON.stringify(command), { qos: 1 });
    const acked = await waitFor(() =>
      got.find((m) => m.topic === `${base}/cmd/ack` && m !== refused),
    );
    expect(JSON.parse(acked.text)).toMatchObject({ ok: true, command });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const since = (topic: string) => got.filter((m) => m.topic === topic && m.at > acked.at).length;
    expect(since(`${base}/telemetry`)).toBeLessThanOrEqual(1);
    expect(since('deck/devices/sensor-2/telemetry')).toBeGreaterThanOrEqual(3);

    await device.stop();
    const later = await watch(broker.url, 'deck/devices/+/online');
    const statuses = await waitFor(() => (later.got.length === 2 ? later.got : undefined));
    expect(statuses.map((m) => [m.text, m.retain])).toEqual([
      ['offline', true],
      ['offline', true],
    ]);
  });
});
