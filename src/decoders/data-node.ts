// The one value tree every structured decoder produces (JSON, MessagePack, CBOR), and its limits.
// Plain data: labelled nodes for what JSON cannot say (bytes, extension types, tags, undefined).

/** Deepest nesting a decoder accepts: deeper input is refused, never recursed into. */
export const MAX_DECODE_DEPTH = 64;
/** Most values (items, keys and values) one payload may decode to. */
export const MAX_DECODE_NODES = 200_000;

export type DataNode =
  | { t: 'null' }
  | { t: 'bool'; v: boolean }
  | { t: 'num'; v: number | bigint }
  | { t: 'str'; v: string }
  | { t: 'bytes'; v: Uint8Array }
  | { t: 'array'; items: DataNode[] }
  | { t: 'map'; entries: [DataNode, DataNode][] }
  /** An extension type, a CBOR tag, `undefined` or a simple value: a label and what it holds. */
  | { t: 'label'; label: string; v?: DataNode };

export type DecodeResult = { ok: true; value: DataNode } | { ok: false; error: string };

/** A malformed input: where it went wrong, in bytes from the start, and what was wrong. */
export class DecodeError extends Error {
  override name = 'DecodeError';
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`at byte ${offset}: ${reason}`);
  }
}

/** Runs a decoder, turning its DecodeError (or a stack overflow) into a sentence. */
export function decodeSafely(format: string, run: () => DataNode): DecodeResult {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof DecodeError) {
      return { ok: false, error: `Not valid ${format} ${error.message}.` };
    }
    return { ok: false, error: `Not valid ${format}: ${String(error)}.` };
  }
}

/**
 * A parsed JSON value as a tree. Deeper than MAX_DECODE_DEPTH, the rest is one labelled node,
 * so a hostile payload cannot overflow the stack of whatever renders it.
 */
export function fromJson(value: unknown, depth = 0): DataNode {
  if (value === null) return { t: 'null' };
  if (typeof value === 'boolean') return { t: 'bool', v: value };
  if (typeof value === 'number') return { t: 'num', v: value };
  if (typeof value === 'string') return { t: 'str', v: value };
  if (depth >= MAX_DECODE_DEPTH) return { t: 'label', label: `nested deeper than ${depth}` };
  if (Array.isArray(value)) return { t: 'array', items: value.map((v) => fromJson(v, depth + 1)) };
  const entries: [DataNode, DataNode][] = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => [{ t: 'str', v: k }, fromJson(v, depth + 1)],
  );
  return { t: 'map', entries };
}

/** How many children a container has (0 for a leaf). */
export function childCount(node: DataNode): number {
  if (node.t === 'array') return node.items.length;
  if (node.t === 'map') return node.entries.length;
  if (node.t === 'label' && node.v) return 1;
  return 0;
}
