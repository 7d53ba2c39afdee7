// A new tile of each kind as the editor first offers it: sizes and options that work at once.
import {
  DEFAULT_STALE_AFTER_S,
  newId,
  type Dashboard,
  type Tile,
  type TileKind,
} from './dashboard-model';

const DEFAULT_CHART_WINDOW_S = 300;

export function newTile(kind: TileKind, topic = '', path = ''): Tile {
  const base = {
    id: newId('tile'),
    title: '',
    topic,
    path,
    w: 1,
    h: 1,
    staleAfterS: DEFAULT_STALE_AFTER_S,
  };
  const publishing = { publishTopic: topic, qos: 0 as const, retain: false };
  switch (kind) {
    case 'value':
      return { ...base, kind, unit: '', decimals: 1, thresholds: [] };
    case 'gauge':
      return { ...base, kind, unit: '', min: 0, max: 100, thresholds: [] };
    case 'chart':
      return {
        ...base,
        kind,
        w: 2,
        series: [{ topic, path, label: path || topic }],
        windowS: DEFAULT_CHART_WINDOW_S,
      };
    case 'status':
      return {
        ...base,
        kind,
        states: [
          { value: 'ok', tone: 'ok', label: 'OK' },
          { value: 'warning', tone: 'warn', label: 'Warning' },
          { value: 'alarm', tone: 'bad', label: 'Alarm' },
        ],
      };
    case 'switch':
      return {
        ...base,
        ...publishing,
        kind,
        onValue: 'true',
        onPayload: 'true',
        offPayload: 'false',
      };
    case 'button':
      return { ...base, ...publishing, kind, payload: '' };
    case 'slider':
      return { ...base, ...publishing, kind, min: 0, max: 100, step: 1, payload: '{value}' };
    case 'text':
      return { ...base, kind, w: 2 };
  }
}

export function newDashboard(name: string): Dashboard {
  return { id: newId('dashboard'), name, tiles: [] };
}
