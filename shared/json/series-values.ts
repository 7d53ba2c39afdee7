// The number a chart series reads out of one stored payload: UTF-8, then JSON, then the value at
// the series' path. Payloads come from other people's devices, so every step may fail: the caller
// counts a failure as skipped, never as zero.
import { readPath } from './json-path';
import type { PathStep } from './json-path';

/**
 * Payloads larger than this are skipped unread: a sensor reading is a few hundred bytes, and one
 * 50 MB "reading" must not cost a chart seconds of JSON parsing (64 KiB parses in about 0.2 ms).
 */
export const SERIES_PAYLOAD_MAX_BYTES = 65_536;

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Decimal text only: "21.5", "-3", "1e3". Not "0x10", "Infinity" or "" (Number() takes those). */
const DECIMAL_TEXT = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** Marks a payload that is not JSON (or too big, or not UTF-8): every path of it is skipped. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/** A payload's text (see series-text.ts) as a JSON value, or NOT_JSON. */
export function textJson(text: string | undefined): unknown {
  if (text === undefined || text === '') return NOT_JSON;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** The payload as a JSON value, or NOT_JSON (one message; a segment uses segmentTexts). */
export function payloadJson(payload: Uint8Array): unknown {
  if (payload.byteLength > SERIES_PAYLOAD_MAX_BYTES) return NOT_JSON;
  try {
    return textJson(utf8.decode(payload));
  } catch {
    return NOT_JSON;
  }
}

/**
 * A chart value: a finite JSON number, or a string holding exactly a decimal number (many devices
 * quote every value, and the dashboards chart those too). Booleans, null, objects and other text
 * are not numbers here: a chart of min/mean/max over `true` would mean nothing.
 */
export function seriesNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.length <= 64 && DECIMAL_TEXT.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** The number at `steps` in an already decoded payload (see payloadJson), or undefined. */
export function numberAt(json: unknown, steps: readonly PathStep[]): number | undefined {
  if (json === NOT_JSON) return undefined;
  return seriesNumber(readPath(json, steps));
}
