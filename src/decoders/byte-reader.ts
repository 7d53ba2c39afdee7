// A bounds-checked cursor over payload bytes for the binary decoders: every read past the end,
// declared length beyond the data, depth or node count over its limit is a DecodeError.
import { DecodeError, MAX_DECODE_DEPTH, MAX_DECODE_NODES } from './data-node';

/** `1 byte`, `2 bytes` */
export function byteCount(n: number): string {
  return `${n} byte${n === 1 ? '' : 's'}`;
}

export class ByteReader {
  pos = 0;
  private nodes = 0;
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get left(): number {
    return this.bytes.length - this.pos;
  }

  fail(reason: string, at = this.pos): never {
    throw new DecodeError(at, reason);
  }

  /** Checks `n` bytes remain for `what`, which starts at `at`. */
  need(n: number, what: string, at = this.pos): void {
    if (n > this.left) {
      this.fail(
        this.left === 0
          ? `the payload ends where ${what} should be`
          : `${what} needs ${byteCount(n)} but only ${byteCount(this.left)} remain`,
        at,
      );
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  /** An unsigned big-endian integer of 1, 2, 4 or 8 bytes; above 2^53 as a bigint. */
  uint(size: 1 | 2 | 4 | 8, what: string): number | bigint {
    this.need(size, what);
    const p = this.pos;
    this.pos += size;
    if (size === 1) return this.view.getUint8(p);
    if (size === 2) return this.view.getUint16(p);
    if (size === 4) return this.view.getUint32(p);
    const big = this.view.getBigUint64(p);
    return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }

  int(size: 1 | 2 | 4 | 8, what: string): number | bigint {
    this.need(size, what);
    const p = this.pos;
    this.pos += size;
    if (size === 1) return this.view.getInt8(p);
    if (size === 2) return this.view.getInt16(p);
    if (size === 4) return this.view.getInt32(p);
    const big = this.view.getBigInt64(p);
    const safe = BigInt(Number.MAX_SAFE_INTEGER);
    return big <= safe && big >= -safe ? Number(big) : big;
  }

  float(size: 4 | 8, what: string): number {
    this.need(size, what);
    const p = this.pos;
    this.pos += size;
    return size === 4 ? this.view.getFloat32(p) : this.view.getFloat64(p);
  }

  /** `length` bytes as a copy-free view; the length is checked against the data first. */
  take(length: number | bigint, what: string, at: number): Uint8Array {
    if (typeof length === 'bigint' || length > this.left) {
      this.fail(`${what} declares ${length} bytes but only ${byteCount(this.left)} remain`, at);
    }
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /** Strict UTF-8 of `length` bytes. */
  text(length: number | bigint, at: number): string {
    const raw = this.take(length, 'a text string', at);
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
    } catch {
      return this.fail('a text string is not valid UTF-8', at);
    }
  }

  /**
   * Checks a container of `count` children (each at least `minBytes` long) can fit in the data,
   * so a declared count of four billion fails at once instead of looping or allocating.
   */
  container(count: number | bigint, minBytes: number, what: string, at: number): number {
    if (typeof count === 'bigint' || count * minBytes > this.left) {
      this.fail(`${what} declares ${count} items but only ${byteCount(this.left)} remain`, at);
    }
    return count;
  }

  /** Counts one decoded value and checks nesting; call at every value. */
  enter(depth: number, at: number): void {
    if (depth > MAX_DECODE_DEPTH) this.fail(`nesting deeper than ${MAX_DECODE_DEPTH} levels`, at);
    if (++this.nodes > MAX_DECODE_NODES) this.fail(`more than ${MAX_DECODE_NODES} values`, at);
  }

  /** After the top value: anything left over is an error, not silently ignored. */
  end(format: string): void {
    if (this.left > 0) {
      this.fail(`${byteCount(this.left)} follow the end of the ${format} value`);
    }
  }
}
