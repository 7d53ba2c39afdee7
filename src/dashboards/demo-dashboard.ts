// The demo dashboard offered on first run: bound to the simulated device of `npm start`
// (broker-dev/simulated-device.ts), one tile of every kind.
import { newId, type Dashboard, type Tile } from './dashboard-model';

/** The simulated device's topics, as broker-dev publishes them for its first sensor. */
export const DEMO_DEVICE = 'deck/devices/sensor-1';
const STALE_S = 10;

export function demoDashboard(): Dashboard {
  const base = (title: string, topic: string, path = '') => ({
    id: newId('tile'),
    title,
    topic: `${DEMO_DEVICE}/${topic}`,
    path,
    w: 1,
    h: 1,
    staleAfterS: STALE_S,
  });
  const cmd = { publishTopic: `${DEMO_DEVICE}/cmd`, qos: 1 as const, retain: false };
  const tiles: Tile[] = [
    {
      ...base('Temperature', 'telemetry', 'temperature'),
      kind: 'value',
      unit: '°C',
      decimals: 1,
      thresholds: [
        { at: 22, tone: 'warn' },
        { at: 25, tone: 'bad' },
      ],
    },
    {
      ...base('Humidity', 'telemetry', 'humidity'),
      kind: 'gauge',
      unit: '%',
      min: 0,
      max: 100,
      thresholds: [{ at: 60, tone: 'warn' }],
    },
    {
      ...base('Status', 'status'),
      kind: 'status',
      states: [
        { value: 'ok', tone: 'ok', label: 'OK' },
        { value: 'warning', tone: 'warn', label: 'Warm' },
        { value: 'alarm', tone: 'bad', label: 'Too hot' },
      ],
    },
    {
      ...base('Battery', 'telemetry', 'battery'),
      kind: 'value',
      unit: '%',
      decimals: 0,
      thresholds: [
        { at: 0, tone: 'bad' },
        { at: 20, tone: 'ok' },
      ],
    },
    {
      ...base('Temperature and humidity', 'telemetry'),
      kind: 'chart',
      w: 2,
      h: 2,
      windowS: 120,
      series: [
        { topic: `${DEMO_DEVICE}/telemetry`, path: 'temperature', label: 'Temperature °C' },
        { topic: `${DEMO_DEVICE}/telemetry`, path: 'humidity', label: 'Humidity %' },
      ],
    },
    {
      ...base('Signal', 'diagnostics', 'link.rssi'),
      kind: 'value',
      unit: 'dBm',
      decimals: 0,
      thresholds: [],
    },
    {
      ...base('Fan 1', 'diagnostics', 'fans[0]'),
      kind: 'gauge',
      unit: 'rpm',
      min: 0,
      max: 2_500,
      thresholds: [],
    },
    {
      ...base('Relay', 'relay'),
      ...cmd,
      kind: 'switch',
      staleAfterS: 3_600,
      onValue: 'true',
      onPayload: '{"action":"set-relay","on":true}',
      offPayload: '{"action":"set-relay","on":false}',
    },
    {
      ...base('Ping', 'cmd/ack'),
      ...cmd,
      kind: 'button',
      staleAfterS: 3_600,
      payload: '{"action":"ping"}',
    },
    {
      ...base('Sample interval (ms)', 'cmd/ack', 'command.ms'),
      ...cmd,
      kind: 'slider',
      staleAfterS: 3_600,
      min: 100,
      max: 5_000,
      step: 100,
      payload: '{"action":"set-interval","ms":{value}}',
    },
    { ...base('Last command answer', 'cmd/ack'), kind: 'text', w: 2, staleAfterS: 3_600 },
  ];
  return { id: newId('dashboard'), name: 'Demo device', tiles };
}
