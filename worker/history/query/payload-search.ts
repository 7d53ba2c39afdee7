// Substring search on raw payload bytes: the text is matched as UTF-8 bytes (case-sensitive), so a
// segment's payloads are searched in place with the engine's native indexOf, never decoded to text.
import type { SegmentView } from '../../db/segment/segment-open';

export interface Needle {
  bytes: Uint8Array;
  /** Position of the byte the scan jumps to: the one least likely to be common in payloads. */
  anchor: number;
  /** Set once the anchor was chosen from real payload bytes rather than guessed. */
  tuned?: boolean;
}

const TUNING_SAMPLE_BYTES = 64 * 1024;

/** Re-anchors the needle on its byte that is rarest in a sample of actual payloads. */
export function tuneNeedle(needle: Needle, sample: Uint8Array): void {
  if (needle.tuned || sample.byteLength === 0) return;
  const counts = new Uint32Array(256);
  const end = Math.min(sample.byteLength, TUNING_SAMPLE_BYTES);
  for (let i = 0; i < end; i++) counts[sample[i]!]! += 1;
  let anchor = needle.anchor;
  needle.bytes.forEach((byte, i) => {
    if (counts[byte]! < counts[needle.bytes[anchor]!]!) anchor = i;
  });
  needle.anchor = anchor;
  needle.tuned = true;
}

/** How common a byte is in typical payloads (JSON, numbers, words): lower is rarer. */
function commonness(byte: number): number {
  const lower = byte >= 0x61 && byte <= 0x7a;
  const digit = byte >= 0x30 && byte <= 0x39;
  if (lower || digit || byte === 0x20 || byte === 0x22 || byte === 0x3a || byte === 0x2c) return 2;
  return byte >= 0x20 && byte < 0x7f ? 1 : 0;
}

export function toNeedle(text: string): Needle | undefined {
  const bytes = new TextEncoder().encode(text);
  if (bytes.byteLength === 0) return undefined;
  let anchor = 0;
  for (let i = 1; i < bytes.length; i++) {
    if (commonness(bytes[i]!) < commonness(bytes[anchor]!)) anchor = i;
  }
  return { bytes, anchor };
}

/** Start of the first occurrence of the needle in hay[from, to), or -1. */
export function indexOfNeedle(hay: Uint8Array, needle: Needle, from: number, to: number): number {
  const { bytes, anchor } = needle;
  const length = bytes.length;
  const first = bytes[anchor]!;
  for (let at = hay.indexOf(first, from + anchor); at !== -1; at = hay.indexOf(first, at + 1)) {
    const start = at - anchor;
    if (start + length > to) return -1;
    let k = 0;
    while (k < length && hay[start + k] === bytes[k]) k++;
    if (k === length) return start;
  }
  return -1;
}

export const payloadContains = (payload: Uint8Array, needle: Needle): boolean =>
  indexOfNeedle(payload, needle, 0, payload.byteLength) !== -1;

/**
 * Which messages of a segment contain the needle: one scan over all its payload bytes, a match
 * counted only inside one message's payload. Undefined when none does.
 */
export function messagesContaining(view: SegmentView, needle: Needle): Uint8Array | undefined {
  const hay = view.payloads;
  tuneNeedle(needle, hay);
  const ends = view.payloadEnds;
  let hits: Uint8Array | undefined;
  let from = 0;
  let first = 0; // messages before this one end at or before `from`
  for (;;) {
    const start = indexOfNeedle(hay, needle, from, hay.byteLength);
    if (start < 0) return hits;
    // The message whose payload holds `start`: the first one ending after it.
    let lo = first;
    let hi = view.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! > start) hi = mid;
      else lo = mid + 1;
    }
    if (start + needle.bytes.length <= ends[lo]!) {
      hits ??= new Uint8Array(view.count);
      hits[lo] = 1;
      from = ends[lo]!;
      first = lo + 1;
    } else {
      from = start + 1; // it straddles two payloads: look further on
      first = lo;
    }
    if (first >= view.count) return hits;
  }
}
