// A strict CBOR decoder (RFC 8949) into DataNode trees: all eight major types, indefinite lengths,
// half floats, tags and simple values as labelled values, errors with the byte offset.
import { ByteReader } from './byte-reader';
import { decodeSafely, type DataNode, type DecodeResult } from './data-node';

const MAJOR_NAMES = ['unsigned', 'negative', 'bytes', 'text', 'array', 'map', 'tag', 'simple'];
const TAG_NAMES: Record<number, string> = {
  0: 'date/time',
  1: 'epoch time',
  2: 'positive bignum',
  3: 'negative bignum',
  4: 'decimal fraction',
  5: 'bigfloat',
  21: 'base64url expected',
  22: 'base64 expected',
  23: 'base16 expected',
  24: 'embedded CBOR',
  32: 'URI',
  55799: 'self-described CBOR',
};
/** Marks the break byte (0xff) inside an indefinite-length item. */
const BREAK = Symbol('break');

function half(bits: number): number {
  const exp = (bits >> 10) & 0x1f;
  const mant = bits & 0x3ff;
  const sign = bits & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant === 0 ? sign * Infinity : NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** The argument of an initial byte; undefined for an indefinite length (31). */
function argument(r: ByteReader, info: number, at: number): number | bigint | undefined {
  if (info < 24) return info;
  if (info === 24) return r.uint(1, 'an argument');
  if (info === 25) return r.uint(2, 'an argument');
  if (info === 26) return r.uint(4, 'an argument');
  if (info === 27) return r.uint(8, 'an argument');
  if (info === 31) return undefined;
  return r.fail(`additional information ${info} is reserved`, at);
}

/** An indefinite byte or text string: definite chunks of the same major type until a break. */
function chunks(r: ByteReader, major: 2 | 3): DataNode {
  const texts: string[] = [];
  const parts: Uint8Array[] = [];
  for (;;) {
    const at = r.pos;
    const b = r.u8('a string chunk or break');
    if (b === 0xff) break;
    if (b >> 5 !== major || (b & 0x1f) === 31) {
      r.fail(`a chunk of an indefinite ${MAJOR_NAMES[major]} string must be a definite one`, at);
    }
    const length = argument(r, b & 0x1f, at)!;
    // Each text chunk must be valid UTF-8 on its own (RFC 8949 section 3.2.3).
    if (major === 3) texts.push(r.text(length, at));
    else parts.push(r.take(length, 'a byte string chunk', at));
  }
  if (major === 3) return { t: 'str', v: texts.join('') };
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return { t: 'bytes', v: out };
}

function tagged(tag: number | bigint, inner: DataNode): DataNode {
  const name = typeof tag === 'number' ? TAG_NAMES[tag] : undefined;
  const label = name ? `tag ${tag} (${name})` : `tag ${tag}`;
  if (tag === 1 && inner.t === 'num') {
    const date = new Date(Number(inner.v) * 1000);
    if (!Number.isNaN(date.getTime())) {
      return { t: 'label', label, v: { t: 'str', v: date.toISOString() } };
    }
  }
  return { t: 'label', label, v: inner };
}

function item(r: ByteReader, depth: number, breakOk = false): DataNode | typeof BREAK {
  const at = r.pos;
  r.enter(depth, at);
  const b = r.u8('a data item');
  const major = b >> 5;
  const info = b & 0x1f;
  if (b === 0xff) {
    if (breakOk) return BREAK;
    return r.fail('a break (0xff) outside an indefinite-length item', at);
  }
  if (major === 7) return simple(r, info, at);
  const arg = argument(r, info, at);
  if (arg === undefined && major !== 2 && major !== 3 && major !== 4 && major !== 5) {
    return r.fail(
      `major type ${major} (${MAJOR_NAMES[major]}) cannot have an indefinite length`,
      at,
    );
  }
  switch (major) {
    case 0:
      return { t: 'num', v: arg! };
    case 1:
      return { t: 'num', v: typeof arg === 'bigint' ? -1n - arg : -1 - arg! };
    case 2:
      if (arg === undefined) return chunks(r, 2);
      return { t: 'bytes', v: r.take(arg, 'a byte string', at) };
    case 3:
      return arg === undefined ? chunks(r, 3) : { t: 'str', v: r.text(arg, at) };
    case 4:
      return array(r, arg, depth, at);
    case 5:
      return map(r, arg, depth, at);
    default: {
      return tagged(arg!, item(r, depth + 1) as DataNode);
    }
  }
}

function array(r: ByteReader, count: number | bigint | undefined, depth: number, at: number) {
  const items: DataNode[] = [];
  const n = count === undefined ? Infinity : r.container(count, 1, 'an array', at);
  for (let i = 0; i < n; i++) {
    const next = item(r, depth + 1, count === undefined);
    if (next === BREAK) break;
    items.push(next);
  }
  return { t: 'array', items } satisfies DataNode;
}

function map(r: ByteReader, count: number | bigint | undefined, depth: number, at: number) {
  const entries: [DataNode, DataNode][] = [];
  const n = count === undefined ? Infinity : r.container(count, 2, 'a map', at);
  for (let i = 0; i < n; i++) {
    const key = item(r, depth + 1, count === undefined);
    if (key === BREAK) break;
    // Without breakOk, a break here fails inside item(): a key without its value.
    entries.push([key, item(r, depth + 1) as DataNode]);
  }
  return { t: 'map', entries } satisfies DataNode;
}

function simple(r: ByteReader, info: number, at: number): DataNode {
  if (info === 20) return { t: 'bool', v: false };
  if (info === 21) return { t: 'bool', v: true };
  if (info === 22) return { t: 'null' };
  if (info === 23) return { t: 'label', label: 'undefined' };
  if (info < 20) return { t: 'label', label: `simple ${info}` };
  if (info === 24) {
    const v = r.u8('a simple value');
    if (v < 32) r.fail(`simple value ${v} must be encoded in one byte`, at);
    return { t: 'label', label: `simple ${v}` };
  }
  if (info === 25) return { t: 'num', v: half(r.uint(2, 'a half float') as number) };
  if (info === 26) return { t: 'num', v: r.float(4, 'a float 32') };
  if (info === 27) return { t: 'num', v: r.float(8, 'a float 64') };
  return r.fail(`additional information ${info} is reserved`, at);
}

/** Decodes one CBOR data item that fills the whole payload. */
export function decodeCbor(bytes: Uint8Array): DecodeResult {
  return decodeSafely('CBOR', () => {
    const r = new ByteReader(bytes);
    const root = item(r, 0) as DataNode; // a top-level break fails inside item()
    r.end('CBOR');
    return root;
  });
}
