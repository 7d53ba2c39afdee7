// The endurance kiosk: a 12-tile dashboard (4 of them charts with several series each) bound to
// the simulated device's topics — numbers and JSON fields, a boolean, the status enum.
import type { Dashboard, Tile } from '../../src/dashboards/dashboard-model';

export const KIOSK_TILES = 12;
export const KIOSK_CHARTS = 4;
/** Each sensor publishes telemetry, status and diagnostics per tick (broker-dev). */
export const MESSAGES_PER_TICK = 3;
const PREFIX = 'deck/devices';
// Short windows, so a run of minutes overwrites every chart's ring many times over.
const CHART_WINDOWS_S = [30, 60, 120, 300] as const;

const base = (n: number, title: string, topic: string, path = '') => ({
  id: `kiosk-tile-${n}`,
  title,
  topic,
  path,
  w: 1,
  h: 1,
  staleAfterS: 60,
});

/** The sensors' ids as broker-dev names them: sensor-1 … sensor-N. */
export const sensorTopic = (sensor: number, leaf: string) => `${PREFIX}/sensor-${sensor}/${leaf}`;

export function kioskDashboard(id: string): Dashboard {
  const t = (sensor: number) => sensorTopic(sensor, 'telemetry');
  const charts: Tile[] = CHART_WINDOWS_S.map((windowS, i) => ({
    ...base(i + 1, `Chart ${i + 1}`, t(i + 1)),
    kind: 'chart',
    w: 2,
    h: 2,
    windowS,
    series: [
      { topic: t(i + 1), path: 'temperature', label: 'Temperature' },
      { topic: t(i + 1), path: 'humidity', label: 'Humidity' },
      { topic: sensorTopic(i + 1, 'diagnostics'), path: 'link.rssi', label: 'RSSI' },
    ],
  }));
  const values: Tile[] = [1, 2, 3].map((sensor, i) => ({
    ...base(5 + i, `Temperature ${sensor}`, t(sensor), 'temperature'),
    kind: 'value',
    unit: '°C',
    decimals: 1,
    thresholds: [{ at: 25, tone: 'bad' }],
  }));
  const states = [
    { value: 'ok', tone: 'ok', label: 'OK' },
    { value: 'warning', tone: 'warn', label: 'Warm' },
    { value: 'alarm', tone: 'bad', label: 'Too hot' },
  ] as const;
  const others: Tile[] = [
    {
      ...base(8, 'Humidity', t(4), 'humidity'),
      kind: 'gauge',
      unit: '%',
      min: 0,
      max: 100,
      thresholds: [],
    },
    { ...base(9, 'Status 1', sensorTopic(1, 'status')), kind: 'status', states: [...states] },
    { ...base(10, 'Status 2', sensorTopic(2, 'status')), kind: 'status', states: [...states] },
    {
      ...base(11, 'Link up', sensorTopic(3, 'diagnostics'), 'link.connected'),
      kind: 'status',
      states: [
        { value: 'true', tone: 'ok', label: 'Up' },
        { value: 'false', tone: 'bad', label: 'Down' },
      ],
    },
    { ...base(12, 'Diagnostics', sensorTopic(4, 'diagnostics')), kind: 'text', w: 2 },
  ];
  return { id, name: 'Endurance kiosk', tiles: [...charts, ...values, ...others] };
}
