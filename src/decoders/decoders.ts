// The payload decoders by id: their names, the rule that picks one for a topic, and each one's
// text form (what Copy and the diff use). Pure, so Node tests cover every decoder.
import { topicMatches } from '../../shared/mqtt/topics';
import type { DecoderId, DecoderRule } from '../../shared/protocol';
import { decodeLossy, decodeUtf8, hexDump } from '../ui/payload-format';
import { fromBase64, toBase64 } from './base64';
import { decodeCbor } from './cbor';
import { decodeSafely, fromJson, type DecodeResult } from './data-node';
import { decodeMsgpack } from './msgpack';
import { prettyText } from './node-text';
import { errorText } from '../ui/error-text';

/** Payloads this size or larger are shown a page at a time, and decoded only on request. */
export const LAZY_PAYLOAD_BYTES = 1024 * 1024;
/** Largest payload the diff compares (each side), and the most text it compares. */
export const DIFF_MAX_BYTES = 256 * 1024;

export const DECODER_NAMES: Record<DecoderId, string> = {
  text: 'Text',
  json: 'JSON',
  hex: 'Hex',
  base64: 'Base64',
  msgpack: 'MessagePack',
  cbor: 'CBOR',
};
export const DECODER_IDS = Object.keys(DECODER_NAMES) as DecoderId[];

/** The first rule whose filter matches `topic`. */
export function ruleFor(rules: readonly DecoderRule[], topic: string): DecoderRule | undefined {
  return rules.find((rule) => topicMatches(rule.filter, topic));
}

/** The decoder shown when no rule applies: JSON if it parses, text if UTF-8, hex otherwise. */
export function autoDecoder(bytes: Uint8Array): DecoderId {
  if (bytes.length >= LAZY_PAYLOAD_BYTES)
    return decodeUtf8(bytes.subarray(0, 4096), true) === null ? 'hex' : 'text';
  const text = decodeUtf8(bytes);
  if (text === null) return 'hex';
  return decodeJson(bytes).ok ? 'json' : 'text';
}

export function decodeJson(bytes: Uint8Array): DecodeResult {
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: false, error: 'Not JSON: the payload is not valid UTF-8.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not JSON: ${errorText(error)}.` };
  }
  return decodeSafely('JSON', () => fromJson(parsed));
}

/** The structured decoders, each a value tree or the reason it is not one. */
export const STRUCTURED: Partial<Record<DecoderId, (bytes: Uint8Array) => DecodeResult>> = {
  json: decodeJson,
  msgpack: decodeMsgpack,
  cbor: decodeCbor,
};

/** `bytes` as the decoder `id` shows it in text, for the diff (bounded by DIFF_MAX_BYTES). */
export function decodedText(id: DecoderId, bytes: Uint8Array): string {
  const head = bytes.subarray(0, DIFF_MAX_BYTES);
  const structured = STRUCTURED[id];
  if (structured) {
    const result = structured(head);
    return result.ok ? prettyText(result.value, DIFF_MAX_BYTES) : result.error;
  }
  if (id === 'hex') return hexDump(head);
  if (id === 'base64') {
    const decoded = fromBase64(decodeLossy(head));
    return decoded ? hexDump(decoded) : toBase64(head);
  }
  return decodeUtf8(head, bytes.length > head.length) ?? decodeLossy(head);
}
