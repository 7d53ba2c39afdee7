// A message's preview as text and as JSON, each worked out at most once per message however
// many tiles show it, and the value a tile's JSON path picks out of it.
import type { MessageSummary } from '../../shared/protocol';
import { readPath, type PathStep } from '../../shared/json/json-path';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const NOT_JSON = Symbol('not JSON');

interface Decoded {
  text: string | null;
  json: unknown;
}
// Keyed by the preview itself: dropped with the message, never grows by itself.
const cache = new WeakMap<Uint8Array, Decoded>();

function decode(message: MessageSummary): Decoded {
  let decoded = cache.get(message.preview);
  if (decoded) return decoded;
  let text: string | null = null;
  try {
    text = utf8.decode(message.preview);
  } catch {
    text = null; // binary: a tile shows its size, not mojibake
  }
  decoded = { text, json: NOT_JSON };
  cache.set(message.preview, decoded);
  return decoded;
}

/** Whether only part of the payload came with the batch (longer than the 1 KB preview). */
export const isCut = (message: MessageSummary) => message.size > message.preview.byteLength;

export function payloadText(message: MessageSummary): string | null {
  return decode(message).text;
}

export type PathValue =
  { ok: true; value: unknown } | { ok: false; reason: 'binary' | 'not-json' | 'cut' | 'no-value' };

/** The value at `steps` (the whole payload for none); text stays text when it is not JSON. */
export function valueAt(message: MessageSummary, steps: readonly PathStep[]): PathValue {
  const decoded = decode(message);
  if (decoded.text === null) return { ok: false, reason: 'binary' };
  if (decoded.json === NOT_JSON) {
    try {
      decoded.json = JSON.parse(decoded.text);
    } catch {
      decoded.json = undefined;
    }
  }
  if (decoded.json === undefined) {
    if (steps.length === 0) return { ok: true, value: decoded.text };
    return { ok: false, reason: isCut(message) ? 'cut' : 'not-json' };
  }
  const value = readPath(decoded.json, steps);
  return value === undefined ? { ok: false, reason: 'no-value' } : { ok: true, value };
}

/** A number out of a value: numbers, numeric text and booleans (as 1 and 0). */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A value as one line of text for a tile (objects as compact JSON). */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}
