// What every uPlot chart of the app shares: the lazy import (uPlot is in no first paint), the
// series colours, and axes themed from the chart box's own text colour so both themes read.
import type uPlot from 'uplot';

/** Series colours that read on both themes' surfaces. */
export const PALETTE = [
  '#0ea5e9',
  '#f59e0b',
  '#10b981',
  '#a855f7',
  '#ef4444',
  '#64748b',
  '#ec4899',
  '#84cc16',
];

export const paletteColour = (i: number): string => PALETTE[i % PALETTE.length]!;

export const loadUplot = () =>
  Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => m.default);

const DAY_MS = 86_400_000;

/**
 * Tick labels as local time, one line each: clock time with seconds under ten minutes, without
 * under two days, day and month beyond (uPlot's default adds a second line with the date, which
 * runs into its neighbours on a phone).
 */
export function timeLabels(spanMs: number) {
  const format = new Intl.DateTimeFormat(
    undefined,
    spanMs >= 2 * DAY_MS
      ? { day: 'numeric', month: 'short' }
      : {
          hour: '2-digit',
          minute: '2-digit',
          second: spanMs < 600_000 ? '2-digit' : undefined,
          // 24-hour: "14:05:30" is narrower than "02:05:30 PM" and reads the same on a wall.
          hourCycle: 'h23',
        },
  );
  return (_: uPlot, splits: number[]) => splits.map((s) => format.format(s * 1_000));
}

/** A time axis and a value axis in the box's text colour, with a faint grid. */
export function themedAxes(box: HTMLElement, spanMs: number): uPlot.Axis[] {
  const ink = getComputedStyle(box).color;
  const axis = { stroke: ink, grid: { stroke: 'rgba(128,128,128,0.18)' }, ticks: { show: false } };
  return [
    { ...axis, space: 64, values: timeLabels(spanMs) },
    { ...axis, size: 44 },
  ];
}
