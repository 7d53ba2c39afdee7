// The MessagePack decoder against hand-built fixtures of every format byte, and malformed input.
import { describe, expect, test } from 'vitest';
import { decodeMsgpack } from '../../src/decoders/msgpack';
import { errorOf, hex, ok } from '../fixtures/data/decoder-fixtures';

const decode = (text: string) => decodeMsgpack(hex(text));

describe('MessagePack: every format', () => {
  test.each([
    ['positive fixint', '05', 5],
    ['negative fixint -1', 'ff', -1],
    ['negative fixint -32', 'e0', -32],
    ['fixmap', '81 a1 61 01', [['a', 1]]],
    ['fixarray', '92 01 02', [1, 2]],
    ['fixstr', 'a2 68 69', 'hi'],
    ['nil', 'c0', null],
    ['false', 'c2', false],
    ['true', 'c3', true],
    ['bin 8', 'c4 02 de ad', 'hex:dead'],
    ['bin 16', 'c5 00 01 ff', 'hex:ff'],
    ['bin 32', 'c6 00 00 00 01 ff', 'hex:ff'],
    ['ext 8', 'c7 02 05 01 02', { label: 'ext 5', v: 'hex:0102' }],
    ['ext 16', 'c8 00 01 07 aa', { label: 'ext 7', v: 'hex:aa' }],
    ['ext 32', 'c9 00 00 00 01 f9 aa', { label: 'ext -7', v: 'hex:aa' }],
    ['float 32', 'ca 3f c0 00 00', 1.5],
    ['float 64', 'cb 3f f8 00 00 00 00 00 00', 1.5],
    ['uint 8', 'cc ff', 255],
    ['uint 16', 'cd 01 00', 256],
    ['uint 32', 'ce 00 01 00 00', 65536],
    ['uint 64 (big)', 'cf ff ff ff ff ff ff ff ff', 18446744073709551615n],
    ['int 8', 'd0 80', -128],
    ['int 16', 'd1 ff 00', -256],
    ['int 32', 'd2 ff ff 00 00', -65536],
    ['int 64', 'd3 ff ff ff ff ff ff ff ff', -1],
    ['fixext 1', 'd4 01 aa', { label: 'ext 1', v: 'hex:aa' }],
    ['fixext 2', 'd5 02 aa bb', { label: 'ext 2', v: 'hex:aabb' }],
    ['fixext 16', 'd8 03' + ' 11'.repeat(16), { label: 'ext 3', v: `hex:${'11'.repeat(16)}` }],
    ['str 8', 'd9 03 61 62 63', 'abc'],
    ['str 16', 'da 00 03 61 62 63', 'abc'],
    ['str 32', 'db 00 00 00 03 61 62 63', 'abc'],
    ['array 16', 'dc 00 02 01 02', [1, 2]],
    ['array 32', 'dd 00 00 00 01 c0', [null]],
    ['map 16', 'de 00 01 a1 6b 01', [['k', 1]]],
    ['map 32', 'df 00 00 00 01 01 c3', [[1, true]]],
  ])('%s', (_name, bytes, expected) => {
    expect(ok(decode(bytes))).toEqual(expected);
  });

  test('timestamps in their three sizes read as dates', () => {
    const ts = (text: string) => ok(decode(text));
    expect(ts('d6 ff 00 00 00 00')).toEqual({
      label: 'timestamp',
      v: '1970-01-01T00:00:00.000000000Z',
    });
    // 64-bit: nanoseconds 1 (upper 30 bits) and seconds 1 (lower 34 bits).
    expect(ts('d7 ff 00 00 00 04 00 00 00 01')).toEqual({
      label: 'timestamp',
      v: '1970-01-01T00:00:01.000000001Z',
    });
    expect(ts('c7 0c ff 00 00 00 05 00 00 00 00 65 53 f1 00')).toEqual({
      label: 'timestamp',
      v: '2023-11-14T22:13:20.000000005Z',
    });
  });

  test('a nested document decodes whole', () => {
    // {"id": 7, "v": [1.5, "x"], "raw": bin(01 02)}
    const bytes =
      '83 a2 69 64 07 a1 76 92 cb 3f f8 00 00 00 00 00 00 a1 78 a3 72 61 77 c4 02 01 02';
    expect(ok(decode(bytes))).toEqual([
      ['id', 7],
      ['v', [1.5, 'x']],
      ['raw', 'hex:0102'],
    ]);
  });
});

describe('MessagePack: malformed payloads are errors naming the offset', () => {
  test.each([
    ['empty', '', /at byte 0: the payload ends where a value should be/],
    [
      'truncated string',
      'a5 68 69',
      /at byte 0: a text string declares 5 bytes but only 2 bytes remain/,
    ],
    ['truncated integer', 'cd 01', /at byte 1: an integer needs 2 bytes but only 1 byte remain/],
    ['the never-used byte', '92 01 c1', /at byte 2: 0xc1 is not a MessagePack type/],
    [
      'array length beyond the data',
      'dd ff ff ff ff',
      /at byte 0: an array declares 4294967295 items/,
    ],
    [
      'map length beyond the data',
      '82 01',
      /at byte 0: a map declares 2 items but only 1 byte remain/,
    ],
    [
      'bin length beyond the data',
      'c6 7f ff ff ff 00',
      /at byte 0: a byte string declares 2147483647 bytes/,
    ],
    ['excessive nesting', '91'.repeat(100) + '01', /at byte 65: nesting deeper than 64 levels/],
    ['invalid UTF-8 in a string', '92 01 a2 c3 28', /at byte 2: a text string is not valid UTF-8/],
    ['bytes after the value', '01 02', /at byte 1: 1 byte follow the end of the MessagePack value/],
    ['a malformed timestamp', 'd5 ff 00 00', /at byte 0: a timestamp extension of 2 bytes/],
  ])('%s', (_name, bytes, message) => {
    const error = errorOf(decode(bytes));
    expect(error).toMatch(/^Not valid MessagePack at byte \d+: /);
    expect(error).toMatch(message);
  });

  test('more values than the node limit is an error', () => {
    // array 32 of 300,000 nils: each fits the data, but the total exceeds MAX_DECODE_NODES.
    const bytes = new Uint8Array(5 + 300_000).fill(0xc0);
    bytes.set([0xdd, 0x00, 0x04, 0x93, 0xe0]);
    expect(errorOf(decodeMsgpack(bytes))).toMatch(/more than 200000 values/);
  });
});
