// Helpers for the decoder tests: hex fixtures to bytes, and decoded trees as plain values.
import type { DataNode, DecodeResult } from '../../src/decoders/data-node';

/** `'81 a1 61'` → bytes. */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (b) => parseInt(b, 16));
}

/** A tree as plain values: bytes as `hex:…`, maps as [key, value] pairs, labels as objects. */
export function plain(node: DataNode): unknown {
  switch (node.t) {
    case 'null':
      return null;
    case 'bool':
    case 'num':
    case 'str':
      return node.v;
    case 'bytes':
      return `hex:${Buffer.from(node.v).toString('hex')}`;
    case 'array':
      return node.items.map(plain);
    case 'map':
      return node.entries.map(([k, v]) => [plain(k), plain(v)]);
    case 'label':
      return node.v ? { label: node.label, v: plain(node.v) } : { label: node.label };
  }
}

/** The plain value of a successful decode; fails the test with the error otherwise. */
export function ok(result: DecodeResult): unknown {
  if (!result.ok) throw new Error(`expected a value, got: ${result.error}`);
  return plain(result.value);
}

export function errorOf(result: DecodeResult): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(plain(result.value))}`);
  return result.error;
}
