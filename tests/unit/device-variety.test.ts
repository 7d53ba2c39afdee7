// The simulated device's extra variety for dashboards: a status enum, a nested JSON object and
// a relay that a switch drives with `set-relay`.
import { describe, expect, it } from 'vitest';
import {
  createSeededRandom,
  diagnosticsOf,
  handleCommand,
  statusOf,
  type DeviceState,
} from '../../broker-dev/device-model';

const NOW = 1_764_200_000_000;
const state: DeviceState = { temperature: 21, humidity: 50, battery: 90, intervalMs: 1_000 };

describe('device variety', () => {
  it('words the temperature as a status enum', () => {
    expect([18, 22, 24.9, 25, 29].map(statusOf)).toEqual([
      'ok',
      'warning',
      'warning',
      'alarm',
      'alarm',
    ]);
  });

  it('switches the relay on set-relay and refuses a non-boolean', () => {
    const on = handleCommand('{"action":"set-relay","on":true}', state, NOW);
    expect(on.ack).toMatchObject({ ok: true });
    expect(on.state.relay).toBe(true);
    const bad = handleCommand('{"action":"set-relay","on":"yes"}', on.state, NOW);
    expect(bad.ack).toMatchObject({ ok: false, error: '"on" must be true or false' });
    expect(bad.state.relay).toBe(true);
  });

  it('publishes diagnostics with nested objects and arrays in range', () => {
    const d = diagnosticsOf({ ...state, relay: true }, createSeededRandom(3), 12);
    expect(d).toEqual({
      uptimeS: 12,
      relay: true,
      link: { rssi: expect.any(Number), connected: true },
      fans: [expect.any(Number), expect.any(Number)],
    });
    expect(d.link.rssi).toBeGreaterThanOrEqual(-90);
    expect(d.link.rssi).toBeLessThanOrEqual(-40);
    for (const rpm of d.fans) expect(rpm).toBeGreaterThanOrEqual(800);
  });
});
