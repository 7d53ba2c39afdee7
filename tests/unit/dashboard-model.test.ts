// The dashboard model: validation of untrusted files, JSON paths, the per-batch newest-value
// scan, the bounded chart series and their downsampling, and the export format.
import { describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../shared/protocol';
import { dashboardToFile } from '../../src/dashboards/dashboard-file';
import { DASHBOARD_FILE_FORMAT } from '../../src/dashboards/dashboard-model';
import { parseDashboardFile, validateDashboard } from '../../src/dashboards/dashboard-validate';
import { demoDashboard } from '../../src/dashboards/demo-dashboard';
import { parsePath, readPath } from '../../shared/json/json-path';
import { bindTopics, newestPerKey } from '../../src/dashboards/live-index';
import { valueAt } from '../../src/dashboards/payload-value';
import { createSeriesRing, downsample, SERIES_SLOTS } from '../../src/dashboards/series-ring';
import { formatAge, toneFor } from '../../src/dashboards/tile-format';

const encoder = new TextEncoder();
let nextId = 1;
function message(topic: string, text: string, time = 1_000): MessageSummary {
  const preview = encoder.encode(text);
  const m = {
    id: nextId++,
    connectionId: 'c',
    topic,
    qos: 0,
    retain: false,
    time,
    size: preview.length,
    preview,
  };
  return m as MessageSummary;
}

describe('JSON paths', () => {
  it('reads dotted keys and indexes, and refuses malformed paths', () => {
    const payload = { a: { b: [10, { c: 'x' }] }, temperature: 21.5 };
    const read = (path: string) => {
      const parsed = parsePath(path);
      if (!parsed.ok) throw new Error(parsed.error);
      return readPath(payload, parsed.steps);
    };
    expect(read('temperature')).toBe(21.5);
    expect(read('a.b[0]')).toBe(10);
    expect(read('a.b[1].c')).toBe('x');
    expect(read('a.b[5]')).toBeUndefined();
    expect(read('')).toBe(payload);
    expect(read('constructor')).toBeUndefined();
    expect(read('__proto__')).toBeUndefined();
    for (const bad of ['a..b', '[x]', 'a[', 'a.b]']) expect(parsePath(bad).ok, bad).toBe(false);
  });

  it('takes a value out of a message preview, saying why when it cannot', () => {
    expect(valueAt(message('t', '{"link":{"rssi":-60}}'), ['link', 'rssi'])).toEqual({
      ok: true,
      value: -60,
    });
    expect(valueAt(message('t', 'warning'), [])).toEqual({ ok: true, value: 'warning' });
    expect(valueAt(message('t', 'warning'), ['x'])).toEqual({ ok: false, reason: 'not-json' });
    expect(valueAt(message('t', '{"a":1}'), ['b'])).toEqual({ ok: false, reason: 'no-value' });
  });
});

describe('dashboard validation', () => {
  it('accepts the demo dashboard, and its file round-trips equal', () => {
    const demo = demoDashboard();
    expect(validateDashboard(demo)).toEqual({ ok: true, value: demo });
    const back = parseDashboardFile(dashboardToFile(demo));
    expect(back).toEqual({ ok: true, value: demo });
  });

  it('lists every bad field by its place in the file', () => {
    const bad = {
      id: 'd1',
      name: '',
      tiles: [
        {
          id: 't1',
          kind: 'gauge',
          title: 'G',
          topic: 'a/#/b',
          path: 'x..y',
          w: 9,
          h: 1,
          staleAfterS: 5,
          min: 10,
          max: 0,
          unit: '',
        },
        { id: 't1', kind: 'rocket', topic: 'a', w: 1, h: 1, staleAfterS: 5 },
        'not a tile',
      ],
    };
    const result = validateDashboard(bad);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors.join('\n');
    expect(errors).toMatch(/^name: must not be empty/m);
    expect(errors).toMatch(/tiles\[0\]\.topic: .*#/);
    expect(errors).toMatch(/tiles\[0\]\.path: "x\.\.y" is not a path/);
    expect(errors).toMatch(/tiles\[0\]\.w: must be at most 4/);
    expect(errors).toMatch(/tiles\[0\]\.max: must be above min/);
    expect(errors).toMatch(/tiles\[1\]\.kind: expected one of value, gauge/);
    expect(errors).toMatch(/tiles\[2\]: expected an object/);
    expect(errors).toMatch(/the id "t1" is used twice/);
  });

  it('explains files that are not dashboards at all', () => {
    const notJson = parseDashboardFile('{"format": ');
    expect(notJson.ok ? '' : notJson.errors[0]).toMatch(/^The file is not valid JSON/);
    const other = parseDashboardFile('{"hello": 1}');
    expect(other.ok ? '' : other.errors[0]).toMatch(/not an MQTT Deck dashboard file/);
    const future = parseDashboardFile(
      JSON.stringify({ format: DASHBOARD_FILE_FORMAT, version: 99 }),
    );
    expect(future.ok ? '' : future.errors[0]).toMatch(/version 99 is not supported/);
  });

  it('exports no credentials, and drops unknown fields such as a smuggled password', () => {
    const demo = demoDashboard();
    const withSecret = {
      ...demo,
      password: 'hunter2',
      tiles: demo.tiles.map((t) => ({ ...t, username: 'u' })),
    };
    const text = dashboardToFile(withSecret);
    expect(text).not.toMatch(/password|hunter2|username/i);
    expect(JSON.parse(text)).toEqual({
      format: DASHBOARD_FILE_FORMAT,
      version: 1,
      dashboard: demo,
    });
  });
});

describe('live values', () => {
  it('keeps the newest message per bound topic, never looking further than it must', () => {
    const batch = [
      message('a', '1'),
      message('b', '2'),
      message('a', '3'),
      message('x/1', '4'),
      message('x/2', '5'),
    ];
    const found = newestPerKey(batch, bindTopics(['a', 'b', 'x/+', 'unbound']));
    expect([...found].map(([k, m]) => [k, new TextDecoder().decode(m.preview)])).toEqual([
      ['x/+', '5'],
      ['a', '3'],
      ['b', '2'],
    ]);
    // Once every bound topic has its message the scan stops: a 20,000-message burst of one topic
    // costs one lookup per message scanned from the newest, here exactly one.
    const burst = Array.from({ length: 20_000 }, (_, i) => message('a', String(i)));
    let reads = 0;
    const counted = new Proxy(burst, {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    newestPerKey(counted, bindTopics(['a']));
    expect(reads).toBe(1);
  });
});

describe('chart series', () => {
  it('holds a fixed number of slots however many samples arrive', () => {
    const windowMs = 60_000;
    const ring = createSeriesRing(windowMs, 600);
    for (let t = 0; t < 10 * windowMs; t += 5) ring.add(t, t % 1_000);
    const now = 10 * windowMs;
    const { times, values } = ring.read(now - windowMs, now);
    expect(times.length).toBeLessThanOrEqual(601);
    // Only samples inside the window survive: everything older was overwritten.
    expect(times[0]).toBeGreaterThanOrEqual(now - windowMs - ring.slotMs);
    expect(values.filter((v) => !Number.isNaN(v)).length).toBeGreaterThan(590);
    expect(SERIES_SLOTS).toBeGreaterThanOrEqual(1_920); // finer than a wall-wide chart
  });

  it('reduces series to one point per pixel column, means per column, gaps as null', () => {
    const times = Float64Array.from([0, 10, 20, 30, 70, 80]);
    const values = Float64Array.from([1, 3, 5, 7, 10, 20]);
    const { x, ys } = downsample([{ times, values }], 0, 100, 5);
    expect(x).toHaveLength(5);
    expect(ys[0]).toEqual([2, 6, null, 10, 20]);
  });
});

describe('tile wording', () => {
  it('colours by the highest threshold reached and words ages', () => {
    const thresholds = [
      { at: 25, tone: 'bad' },
      { at: 22, tone: 'warn' },
    ] as const;
    expect(toneFor(20, thresholds)).toBe('neutral');
    expect(toneFor(23, thresholds)).toBe('warn');
    expect(toneFor(25, thresholds)).toBe('bad');
    expect(formatAge(500)).toBe('just now');
    expect(formatAge(42_000)).toBe('42 s ago');
    expect(formatAge(3 * 3_600_000)).toBe('3 h ago');
  });
});
