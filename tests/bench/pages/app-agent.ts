// The bench's probe inside the app page, injected before the app's own scripts and bundled as one
// IIFE: it watches what a person would see (stored count, painted rows, long tasks, input to
// paint) and keeps the figures in the page, for the bench to read with Runtime.evaluate.
import { sentAtOf } from '../payload';
import { clickTarget, controlState, fillControl, pressButton, textsOf } from './app-controls';

const STATUS_WORDS = /Connected|Connecting|Reconnecting|Disconnected|Error/;
const wallNow = () => performance.timeOrigin + performance.now();
/** Runs `then` after the next frame is painted: rAF runs before paint, a task after it. */
function afterNextPaint(then: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = then;
    channel.port2.postMessage(0);
  });
}

// Long tasks (≥ 50 ms) on the main thread, kept with wall-clock start times.
const longTasks: { start: number; duration: number }[] = [];
const longTasksSupported = PerformanceObserver.supportedEntryTypes.includes('longtask');
if (longTasksSupported) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
}

// The stored count as the page shows it, and when it last changed.
let stored = { value: -1, at: 0 };
let storedElement: Element | null = null;
const storedObserver = new MutationObserver(readStored);
function readStored(): void {
  if (!storedElement?.isConnected) {
    storedElement = document.querySelector('[aria-label="Stored messages"]');
    if (!storedElement) return;
    storedObserver.disconnect();
    storedObserver.observe(storedElement, { childList: true, characterData: true, subtree: true });
  }
  const digits = (storedElement.textContent ?? '').replace(/\D/g, '');
  const value = digits === '' ? -1 : Number(digits);
  if (value !== stored.value) stored = { value, at: wallNow() };
}

// The first message row painted after this document started (the cold-start figure).
let firstRowPaintMs: number | null = null;
const firstRowObserver = new MutationObserver(() => {
  if (!document.querySelector('[role="article"]')) return;
  firstRowObserver.disconnect();
  afterNextPaint(() => (firstRowPaintMs = performance.now()));
});
firstRowObserver.observe(document, { childList: true, subtree: true });

// Publish-to-paint latency of rows whose payload carries the phase's tag.
const latencies: number[] = [];
const seenRows = new Set<string>();
let latencyTag = '';
const rowObserver = new MutationObserver((records) => {
  const rows = new Set<Element>();
  for (const record of records) {
    const target = record.target instanceof Element ? record.target : record.target.parentElement;
    const around = target?.closest('[role="article"]');
    if (around) rows.add(around);
    record.addedNodes.forEach((node) => {
      if (!(node instanceof Element)) return;
      if (node.matches('[role="article"]')) rows.add(node);
      node.querySelectorAll('[role="article"]').forEach((row) => rows.add(row));
    });
  }
  const sentTimes: number[] = [];
  for (const row of rows) {
    const text = row.textContent ?? '';
    const tag = /"p":\s*"([^"]*)"/.exec(text)?.[1];
    const seq = /"s":\s*(\d+)/.exec(text)?.[1];
    const sentAt = sentAtOf(text);
    if (tag !== latencyTag || seq === undefined || sentAt === undefined || seenRows.has(seq))
      continue;
    seenRows.add(seq);
    sentTimes.push(sentAt);
  }
  if (sentTimes.length === 0) return;
  afterNextPaint(() => {
    const paintedAt = wallNow();
    for (const sentAt of sentTimes) latencies.push(paintedAt - sentAt);
  });
});

// Input to next paint, for trusted clicks on the control the bench clicks.
const inputDelays: number[] = [];
let inputTarget: Element | null = null;
document.addEventListener(
  'click',
  (event) => {
    if (!event.isTrusted || !inputTarget?.contains(event.target as Node)) return;
    const inputAt = event.timeStamp;
    afterNextPaint(() => inputDelays.push(performance.now() - inputAt));
  },
  true,
);

const agent = {
  fill: fillControl,
  press: pressButton,
  controlState,
  textsOf,
  /** The stored count, when the page showed it, and the connection status it shows now. */
  stored(): { value: number; at: number; status: string } {
    readStored();
    const status = textsOf('[role="status"]').find((t) => STATUS_WORDS.test(t)) ?? '';
    return { ...stored, status };
  },
  longTasks(from: number, to: number) {
    const inWindow = longTasks.filter((t) => t.start + t.duration >= from && t.start <= to);
    return {
      supported: longTasksSupported,
      count: inWindow.length,
      longestMs: Math.max(0, ...inWindow.map((t) => t.duration)),
      totalBlockingMs: inWindow.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
    };
  },
  /** Starts (tag) or stops ('') recording the latency of rows carrying `tag`. */
  watchRows(tag: string): number[] {
    latencyTag = tag;
    rowObserver.disconnect();
    const region = document.querySelector('[aria-label="Messages"]');
    if (tag !== '' && region) {
      latencies.length = 0;
      seenRows.clear();
      rowObserver.observe(region, { childList: true, subtree: true, characterData: true });
    }
    return latencies.slice();
  },
  /** Makes the control labelled `name` the click target; returns its centre in CSS pixels. */
  clickTarget(name: string): { x: number; y: number } {
    const { element, x, y } = clickTarget(name);
    inputTarget = element;
    inputDelays.length = 0;
    return { x, y };
  },
  inputDelays: () => inputDelays.slice(),
  firstRowPaintMs: () => firstRowPaintMs,
  domNodes: () => document.getElementsByTagName('*').length,
};

declare global {
  interface Window {
    __bench?: typeof agent;
  }
}
window.__bench = agent;
