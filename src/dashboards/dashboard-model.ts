// The dashboard model: a dashboard is a named, ordered grid of tiles; each tile kind has its own
// options. Plain data only, so it survives IndexedDB, the worker boundary and a JSON file.
import type { Qos } from '../../shared/protocol';

export const TILE_KINDS = [
  'value',
  'gauge',
  'chart',
  'status',
  'switch',
  'button',
  'slider',
  'text',
] as const;
export type TileKind = (typeof TILE_KINDS)[number];

export const TILE_KIND_LABELS: Record<TileKind, string> = {
  value: 'Value',
  gauge: 'Gauge',
  chart: 'Chart',
  status: 'Status light',
  switch: 'Switch',
  button: 'Button',
  slider: 'Slider',
  text: 'Last message',
};

/** Colours are named, never CSS: an imported file cannot inject styles, and themes apply. */
export const TONES = ['ok', 'warn', 'bad', 'info', 'neutral'] as const;
export type Tone = (typeof TONES)[number];

/** From `at` upwards (until the next threshold) a value takes this tone. */
export type Threshold = { at: number; tone: Tone };
export type StatusState = { value: string; tone: Tone; label: string };
export type Series = { topic: string; path: string; label: string };

/** Grid columns on a wall screen; a tablet has 4, a phone 2 (wider tiles are narrowed). */
export const GRID_COLUMNS = 6;
export const MAX_TILE_WIDTH = 4;
export const MAX_TILE_HEIGHT = 3;
export const MAX_TILES = 48;
export const DEFAULT_STALE_AFTER_S = 30;
export const MAX_STALE_AFTER_S = 7 * 24 * 3600;
export const MAX_CHART_WINDOW_S = 24 * 3600;

type TileBase = {
  id: string;
  title: string;
  /** A topic name or a filter with wildcards: the newest matching message is shown. */
  topic: string;
  /** Into the JSON payload, like `temperature` or `a.b[0]`; empty for the whole payload. */
  path: string;
  /** Width in grid columns and height in rows; the order in `tiles` is the position. */
  w: number;
  h: number;
  /** After this many seconds without a new value the tile shows itself stale. */
  staleAfterS: number;
};
type Publishing = { publishTopic: string; qos: Qos; retain: boolean };

export type ValueTile = TileBase & {
  kind: 'value';
  unit: string;
  decimals: number;
  thresholds: Threshold[];
};
export type GaugeTile = TileBase & {
  kind: 'gauge';
  unit: string;
  min: number;
  max: number;
  thresholds: Threshold[];
};
export type ChartTile = TileBase & { kind: 'chart'; series: Series[]; windowS: number };
export type StatusTile = TileBase & { kind: 'status'; states: StatusState[] };
/** On while the state topic's value (at `path`) reads `onValue`; a click sends the other payload. */
export type SwitchTile = TileBase &
  Publishing & { kind: 'switch'; onValue: string; onPayload: string; offPayload: string };
export type ButtonTile = TileBase & Publishing & { kind: 'button'; payload: string };
/** `payload` holds `{value}` where the slider's number goes. */
export type SliderTile = TileBase &
  Publishing & { kind: 'slider'; min: number; max: number; step: number; payload: string };
export type TextTile = TileBase & { kind: 'text' };

export type Tile =
  ValueTile | GaugeTile | ChartTile | StatusTile | SwitchTile | ButtonTile | SliderTile | TextTile;

// A type alias (not an interface), so a Dashboard is assignable to the stored record's shape.
export type Dashboard = { id: string; name: string; tiles: Tile[] };

/** The file format's marker and version: an import checks both before anything else. */
export const DASHBOARD_FILE_FORMAT = 'mqtt-deck-dashboard';
export const DASHBOARD_FILE_VERSION = 1;
export type DashboardFile = {
  format: typeof DASHBOARD_FILE_FORMAT;
  version: typeof DASHBOARD_FILE_VERSION;
  dashboard: Dashboard;
};

export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** The topics a tile listens to (a chart to each of its series). */
export function boundTopics(tile: Tile): string[] {
  if (tile.kind === 'chart') return tile.series.map((s) => s.topic);
  return tile.topic === '' ? [] : [tile.topic];
}
