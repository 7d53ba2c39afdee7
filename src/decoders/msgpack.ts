// A strict MessagePack decoder (github.com/msgpack/msgpack spec) into DataNode trees: every type,
// extension types as labelled values (timestamp -1 read as a date), errors with the byte offset.
import { ByteReader } from './byte-reader';
import { decodeSafely, type DataNode, type DecodeResult } from './data-node';

type Size = 1 | 2 | 4 | 8;
const SIZES: readonly Size[] = [1, 2, 4, 8];

function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}

/** The timestamp extension (type -1) in its three sizes, as an ISO date with nanoseconds. */
function timestamp(data: Uint8Array): string | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let seconds: number;
  let nanos = 0;
  if (data.length === 4) seconds = view.getUint32(0);
  else if (data.length === 8) {
    const high = view.getUint32(0);
    nanos = high >>> 2;
    seconds = (high & 0x3) * 2 ** 32 + view.getUint32(4);
  } else if (data.length === 12) {
    nanos = view.getUint32(0);
    seconds = Number(view.getBigInt64(4));
  } else return undefined;
  if (nanos > 999_999_999) return undefined;
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return `${seconds} s + ${nanos} ns`;
  return date.toISOString().replace(/\.\d{3}Z$/, `.${String(nanos).padStart(9, '0')}Z`);
}

function ext(r: ByteReader, length: number | bigint, at: number): DataNode {
  const type = r.int(1, 'an extension type') as number;
  const data = r.take(length, 'an extension', at);
  if (type === -1) {
    const date = timestamp(data);
    if (date === undefined)
      r.fail(`a timestamp extension of ${data.length} bytes is malformed`, at);
    return { t: 'label', label: 'timestamp', v: { t: 'str', v: date } };
  }
  return { t: 'label', label: `ext ${type}`, v: { t: 'bytes', v: data } };
}

function items(r: ByteReader, count: number | bigint, depth: number, at: number): DataNode {
  const n = r.container(count, 1, 'an array', at);
  const out: DataNode[] = [];
  for (let i = 0; i < n; i++) out.push(value(r, depth + 1));
  return { t: 'array', items: out };
}

function pairs(r: ByteReader, count: number | bigint, depth: number, at: number): DataNode {
  const n = r.container(count, 2, 'a map', at);
  const out: [DataNode, DataNode][] = [];
  for (let i = 0; i < n; i++) out.push([value(r, depth + 1), value(r, depth + 1)]);
  return { t: 'map', entries: out };
}

function value(r: ByteReader, depth: number): DataNode {
  const at = r.pos;
  r.enter(depth, at);
  const b = r.u8('a value');
  if (b <= 0x7f) return { t: 'num', v: b };
  if (b >= 0xe0) return { t: 'num', v: b - 0x100 };
  if (b <= 0x8f) return pairs(r, b & 0x0f, depth, at);
  if (b <= 0x9f) return items(r, b & 0x0f, depth, at);
  if (b <= 0xbf) return { t: 'str', v: r.text(b & 0x1f, at) };
  switch (b) {
    case 0xc0:
      return { t: 'null' };
    case 0xc2:
      return { t: 'bool', v: false };
    case 0xc3:
      return { t: 'bool', v: true };
    case 0xc4:
    case 0xc5:
    case 0xc6:
      return { t: 'bytes', v: r.take(r.uint(SIZES[b - 0xc4]!, 'a length'), 'a byte string', at) };
    case 0xc7:
    case 0xc8:
    case 0xc9:
      return ext(r, r.uint(SIZES[b - 0xc7]!, 'a length'), at);
    case 0xca:
      return { t: 'num', v: r.float(4, 'a float 32') };
    case 0xcb:
      return { t: 'num', v: r.float(8, 'a float 64') };
    case 0xd4:
    case 0xd5:
    case 0xd6:
    case 0xd7:
    case 0xd8:
      return ext(r, 2 ** (b - 0xd4), at);
    case 0xd9:
    case 0xda:
    case 0xdb:
      return { t: 'str', v: r.text(r.uint(SIZES[b - 0xd9]!, 'a length'), at) };
    case 0xdc:
      return items(r, r.uint(2, 'a length'), depth, at);
    case 0xdd:
      return items(r, r.uint(4, 'a length'), depth, at);
    case 0xde:
      return pairs(r, r.uint(2, 'a length'), depth, at);
    case 0xdf:
      return pairs(r, r.uint(4, 'a length'), depth, at);
  }
  if (b >= 0xcc && b <= 0xcf) return { t: 'num', v: r.uint(SIZES[b - 0xcc]!, 'an integer') };
  if (b >= 0xd0 && b <= 0xd3) return { t: 'num', v: r.int(SIZES[b - 0xd0]!, 'an integer') };
  // Only 0xc1 is left: the spec reserves it as "never used".
  return r.fail(`${hex(b)} is not a MessagePack type`, at);
}

/** Decodes one MessagePack value that fills the whole payload. */
export function decodeMsgpack(bytes: Uint8Array): DecodeResult {
  return decodeSafely('MessagePack', () => {
    const r = new ByteReader(bytes);
    const root = value(r, 0);
    r.end('MessagePack');
    return root;
  });
}
