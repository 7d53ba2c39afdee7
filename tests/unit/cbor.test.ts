// The CBOR decoder against RFC 8949 Appendix A examples (every major type), and malformed input.
import { describe, expect, test } from 'vitest';
import { decodeCbor } from '../../src/decoders/cbor';
import { errorOf, hex, ok } from '../fixtures/data/decoder-fixtures';

const decode = (text: string) => decodeCbor(hex(text));

describe('CBOR: every major type (RFC 8949 Appendix A)', () => {
  test.each([
    ['0', '00', 0],
    ['23', '17', 23],
    ['24', '18 18', 24],
    ['256', '19 01 00', 256],
    ['1000000', '1a 00 0f 42 40', 1000000],
    ['1000000000000', '1b 00 00 00 e8 d4 a5 10 00', 1000000000000],
    ['2^64-1 as a bigint', '1b ff ff ff ff ff ff ff ff', 18446744073709551615n],
    ['-1', '20', -1],
    ['-100', '38 63', -100],
    ['-2^64 as a bigint', '3b ff ff ff ff ff ff ff ff', -18446744073709551616n],
    ['empty bytes', '40', 'hex:'],
    ['bytes', '44 01 02 03 04', 'hex:01020304'],
    ['empty text', '60', ''],
    ['text', '64 49 45 54 46', 'IETF'],
    ['text ü', '62 c3 bc', 'ü'],
    ['empty array', '80', []],
    ['array', '83 01 02 03', [1, 2, 3]],
    ['nested array', '83 01 82 02 03 82 04 05', [1, [2, 3], [4, 5]]],
    ['empty map', 'a0', []],
    [
      'map with integer keys',
      'a2 01 02 03 04',
      [
        [1, 2],
        [3, 4],
      ],
    ],
    [
      'map with text keys',
      'a2 61 61 01 61 62 82 02 03',
      [
        ['a', 1],
        ['b', [2, 3]],
      ],
    ],
    [
      'tag 0 date/time',
      'c0 74 32 30 31 33 2d 30 33 2d 32 31 54 32 30 3a 30 34 3a 30 30 5a',
      { label: 'tag 0 (date/time)', v: '2013-03-21T20:04:00Z' },
    ],
    [
      'tag 1 epoch time',
      'c1 1a 51 4b 67 b0',
      { label: 'tag 1 (epoch time)', v: '2013-03-21T20:04:00.000Z' },
    ],
    ['tag 23', 'd7 44 01 02 03 04', { label: 'tag 23 (base16 expected)', v: 'hex:01020304' }],
    ['unknown tag', 'd9 ff ff 01', { label: 'tag 65535', v: 1 }],
    ['false', 'f4', false],
    ['true', 'f5', true],
    ['null', 'f6', null],
    ['undefined', 'f7', { label: 'undefined' }],
    ['simple 16', 'f0', { label: 'simple 16' }],
    ['simple 255', 'f8 ff', { label: 'simple 255' }],
    ['half 1.0', 'f9 3c 00', 1],
    ['half 65504', 'f9 7b ff', 65504],
    ['half subnormal', 'f9 00 01', 5.960464477539063e-8],
    ['half -4', 'f9 c4 00', -4],
    ['half infinity', 'f9 7c 00', Infinity],
    ['half NaN', 'f9 7e 00', NaN],
    ['float 32', 'fa 47 c3 50 00', 100000],
    ['float 64', 'fb 3f f1 99 99 99 99 99 9a', 1.1],
    ['indefinite bytes', '5f 42 01 02 43 03 04 05 ff', 'hex:0102030405'],
    ['indefinite text', '7f 65 73 74 72 65 61 64 6d 69 6e 67 ff', 'streaming'],
    ['indefinite empty array', '9f ff', []],
    ['indefinite arrays', '9f 01 82 02 03 9f 04 05 ff ff', [1, [2, 3], [4, 5]]],
    [
      'indefinite map',
      'bf 61 61 01 61 62 9f 02 03 ff ff',
      [
        ['a', 1],
        ['b', [2, 3]],
      ],
    ],
  ])('%s', (_name, bytes, expected) => {
    expect(ok(decode(bytes))).toEqual(expected);
  });
});

describe('CBOR: malformed payloads are errors naming the offset', () => {
  test.each([
    ['empty', '', /at byte 0: the payload ends where a data item should be/],
    [
      'truncated argument',
      '1a 00 00',
      /at byte 1: an argument needs 4 bytes but only 2 bytes remain/,
    ],
    [
      'truncated text',
      '83 01 02 65 61',
      /at byte 3: a text string declares 5 bytes but only 1 byte remain/,
    ],
    [
      'reserved additional information',
      '82 01 1c',
      /at byte 2: additional information 28 is reserved/,
    ],
    [
      'indefinite integer',
      '1f',
      /at byte 0: major type 0 \(unsigned\) cannot have an indefinite length/,
    ],
    ['indefinite tag', 'df 01', /at byte 0: major type 6 \(tag\) cannot have an indefinite length/],
    ['a break at the top', 'ff', /at byte 0: a break \(0xff\) outside an indefinite-length item/],
    ['a break in a definite array', '82 01 ff', /at byte 2: a break/],
    [
      'simple value in two bytes below 32',
      'f8 10',
      /at byte 0: simple value 16 must be encoded in one byte/,
    ],
    [
      'bytes length beyond the data',
      '5a ff ff ff ff 00',
      /at byte 0: a byte string declares 4294967295 bytes/,
    ],
    [
      'array length beyond the data',
      '9b 00 00 00 01 00 00 00 00',
      /at byte 0: an array declares 4294967296 items/,
    ],
    ['map length beyond the data', 'b9 ff ff 01', /at byte 0: a map declares 65535 items/],
    ['excessive nesting', '81'.repeat(100) + '00', /at byte 65: nesting deeper than 64 levels/],
    ['excessive tag nesting', 'c6'.repeat(100) + '00', /nesting deeper than 64 levels/],
    ['invalid UTF-8 in text', '82 01 62 c3 28', /at byte 2: a text string is not valid UTF-8/],
    [
      'invalid UTF-8 in a text chunk',
      '7f 61 61 61 ff ff',
      /at byte 3: a text string is not valid UTF-8/,
    ],
    [
      'a bytes chunk inside indefinite text',
      '7f 41 00 ff',
      /at byte 1: a chunk of an indefinite text string must be a definite one/,
    ],
    [
      'unterminated indefinite array',
      '9f 01',
      /at byte 2: the payload ends where a data item should be/,
    ],
    [
      'map key without value before break',
      'bf 01 ff',
      /at byte 2: a break \(0xff\) outside an indefinite-length item/,
    ],
    ['a tag without content', 'c1', /at byte 1: the payload ends where a data item should be/],
    ['bytes after the item', '01 02 03', /at byte 1: 2 bytes follow the end of the CBOR value/],
  ])('%s', (_name, bytes, message) => {
    const error = errorOf(decode(bytes));
    expect(error).toMatch(/^Not valid CBOR at byte \d+: /);
    expect(error).toMatch(message);
  });
});
