// Validates a dashboard read from IndexedDB or imported from a file (both untrusted: another
// version of the app, or a person, wrote them), listing every bad field by its place.
import { validatePublishTopic, validateTopicFilter } from '../../shared/mqtt/topics';
import {
  DASHBOARD_FILE_FORMAT,
  DASHBOARD_FILE_VERSION,
  MAX_CHART_WINDOW_S,
  MAX_STALE_AFTER_S,
  MAX_TILE_HEIGHT,
  MAX_TILE_WIDTH,
  MAX_TILES,
  TILE_KINDS,
  TONES,
  type Dashboard,
  type Threshold,
  type Tile,
  type TileKind,
} from './dashboard-model';
import { FieldReader, isObject } from './field-reader';
import { parsePath } from '../../shared/json/json-path';
import { errorText } from '../ui/error-text';

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const MAX_THRESHOLDS = 8;
const MAX_STATES = 16;
const MAX_SERIES = 6;
/** Controls may show a state topic; display tiles have nothing to show without one. */
const NEEDS_TOPIC = new Set<TileKind>(['value', 'gauge', 'status', 'text']);

function topicField(r: FieldReader, key: string, errors: string[], publish = false) {
  const topic = r.text(key, { max: 1_024 });
  const problem =
    topic === '' ? null : (publish ? validatePublishTopic : validateTopicFilter)(topic);
  if (problem) errors.push(`${r.at}.${key}: ${problem}`);
  if (publish && topic === '') errors.push(`${r.at}.${key}: a control needs a topic to publish to`);
  return topic;
}

function pathField(r: FieldReader, errors: string[]): string {
  const path = r.text('path', { fallback: '', max: 256 });
  const parsed = parsePath(path);
  if (!parsed.ok) errors.push(`${r.at}.path: ${parsed.error}`);
  return path;
}

const thresholds = (r: FieldReader): Threshold[] =>
  r.list('thresholds', (t) => ({ at: t.number('at', {}), tone: t.oneOf('tone', TONES) }), {
    max: MAX_THRESHOLDS,
  });

function readTile(r: FieldReader, errors: string[]): Tile {
  const kind = r.oneOf('kind', TILE_KINDS);
  const base = {
    id: r.text('id', { nonEmpty: true, max: 128 }),
    title: r.text('title', { fallback: '', max: 200 }),
    topic: topicField(r, 'topic', errors),
    path: pathField(r, errors),
    w: r.number('w', { min: 1, max: MAX_TILE_WIDTH, integer: true }),
    h: r.number('h', { min: 1, max: MAX_TILE_HEIGHT, integer: true }),
    staleAfterS: r.number('staleAfterS', { min: 1, max: MAX_STALE_AFTER_S }),
  };
  const publishing = () => ({
    publishTopic: topicField(r, 'publishTopic', errors, true),
    qos: r.qos('qos'),
    retain: r.boolean('retain', false),
  });
  switch (kind) {
    case 'value':
      return {
        ...base,
        kind,
        unit: r.text('unit', { fallback: '', max: 32 }),
        decimals: r.number('decimals', { min: 0, max: 6, integer: true, fallback: 1 }),
        thresholds: thresholds(r),
      };
    case 'gauge': {
      const min = r.number('min', {});
      const max = r.number('max', {});
      if (max <= min) errors.push(`${r.at}.max: must be above min`);
      return {
        ...base,
        kind,
        unit: r.text('unit', { fallback: '', max: 32 }),
        min,
        max,
        thresholds: thresholds(r),
      };
    }
    case 'chart': {
      const series = r.list(
        'series',
        (s) => ({
          topic: topicField(s, 'topic', errors),
          path: pathField(s, errors),
          label: s.text('label', { fallback: '', max: 64 }),
        }),
        { max: MAX_SERIES, min: 1 },
      );
      return {
        ...base,
        kind,
        series,
        windowS: r.number('windowS', { min: 10, max: MAX_CHART_WINDOW_S }),
      };
    }
    case 'status':
      return {
        ...base,
        kind,
        states: r.list(
          'states',
          (s) => ({
            value: s.text('value', { max: 256 }),
            tone: s.oneOf('tone', TONES),
            label: s.text('label', { max: 64 }),
          }),
          { max: MAX_STATES },
        ),
      };
    case 'switch':
      return {
        ...base,
        ...publishing(),
        kind,
        onValue: r.text('onValue', { fallback: 'true', max: 256 }),
        onPayload: r.text('onPayload'),
        offPayload: r.text('offPayload'),
      };
    case 'button':
      return { ...base, ...publishing(), kind, payload: r.text('payload') };
    case 'slider': {
      const min = r.number('min', {});
      const max = r.number('max', {});
      if (max <= min) errors.push(`${r.at}.max: must be above min`);
      return {
        ...base,
        ...publishing(),
        kind,
        min,
        max,
        step: r.number('step', { min: 0 }),
        payload: r.text('payload', { fallback: '{value}' }),
      };
    }
    case 'text':
      return { ...base, kind };
  }
}

/** Checks every field; unknown fields are dropped, so nothing unchecked is ever kept. */
export function validateDashboard(value: unknown): Validated<Dashboard> {
  const errors: string[] = [];
  if (!isObject(value)) return { ok: false, errors: ['The dashboard is not a JSON object.'] };
  const r = new FieldReader(errors, value, '');
  const dashboard: Dashboard = {
    id: r.text('id', { nonEmpty: true, max: 128 }),
    name: r.text('name', { nonEmpty: true, max: 100 }),
    tiles: r.list('tiles', (t) => readTile(t, errors), { max: MAX_TILES }),
  };
  const ids = new Set<string>();
  for (const tile of dashboard.tiles) {
    if (ids.has(tile.id)) errors.push(`tiles: the id "${tile.id}" is used twice`);
    ids.add(tile.id);
    if (NEEDS_TOPIC.has(tile.kind) && tile.topic === '')
      errors.push(`tile "${tile.title || tile.id}": needs a topic to show`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: dashboard };
}

/** One tile as the editor built it: the same checks as on load. */
export function validateTile(value: unknown): Validated<Tile> {
  if (!isObject(value)) return { ok: false, errors: ['The tile is not an object.'] };
  const errors: string[] = [];
  const tile = readTile(new FieldReader(errors, value, 'tile'), errors);
  if (NEEDS_TOPIC.has(tile.kind) && tile.topic === '')
    errors.push('tile.topic: needs a topic to show');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: tile };
}

/** A dashboard file as exported: the format marker and version first, then the dashboard. */
export function validateDashboardFile(value: unknown): Validated<Dashboard> {
  if (!isObject(value) || value.format !== DASHBOARD_FILE_FORMAT)
    return {
      ok: false,
      errors: ['This is not an MQTT Deck dashboard file (its "format" is missing or wrong).'],
    };
  if (value.version !== DASHBOARD_FILE_VERSION)
    return {
      ok: false,
      errors: [
        `Dashboard file version ${String(value.version)} is not supported (expected ${DASHBOARD_FILE_VERSION}).`,
      ],
    };
  return validateDashboard(value.dashboard);
}

/** Parses a file's text: bad JSON gets the parser's position in the message. */
export function parseDashboardFile(text: string): Validated<Dashboard> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [`The file is not valid JSON: ${errorText(error)}`],
    };
  }
  return validateDashboardFile(value);
}
