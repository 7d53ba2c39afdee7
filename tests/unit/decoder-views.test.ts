// What the decoded views are built from: pretty text, the first-render budget, base64, the diff.
import { describe, expect, test } from 'vitest';
import { fromBase64, toBase64 } from '../../src/decoders/base64';
import { MAX_DECODE_DEPTH, fromJson, type DataNode } from '../../src/decoders/data-node';
import { autoDecoder, decodeJson, decodedText } from '../../src/decoders/decoders';
import { diffLines, foldDiff } from '../../src/decoders/line-diff';
import { decodeMsgpack } from '../../src/decoders/msgpack';
import { prettyText } from '../../src/decoders/node-text';
import { CHILD_PAGE, INITIAL_LINES, initialOpen } from '../../src/decoders/tree-layout';
import { hex } from '../fixtures/data/decoder-fixtures';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('pretty text', () => {
  test.each([
    { a: 1, b: [true, null, 'x', { c: -0.5 }], d: {}, e: [] },
    [1, [2, [3, []]]],
    'plain "quoted" string',
    { '1': 'integer keys first', b: 2, a: { nested: [1e21, -0, 12.5] } },
  ])('is JSON.stringify(value, null, 2) for JSON: %j', (value) => {
    expect(prettyText(fromJson(JSON.parse(JSON.stringify(value))))).toBe(
      JSON.stringify(value, null, 2),
    );
  });

  test('labels bytes, extensions and non-string keys', () => {
    // {1: bin(de ad), "t": ext 5 (01)}
    const result = decodeMsgpack(hex('82 01 c4 02 de ad a1 74 d4 05 01'));
    expect(result.ok && prettyText(result.value)).toBe(
      '{\n  1: <2 bytes: dead>,\n  "t": ext 5 <1 byte: 01>\n}',
    );
  });

  test('stops at its cap with a visible marker', () => {
    const big = fromJson(Array.from({ length: 10_000 }, (_, i) => `item ${i}`));
    const text = prettyText(big, 1_000);
    expect(text.length).toBeLessThan(1_100);
    expect(text).toMatch(/… \(cut at 1000 characters\)$/);
  });

  test('JSON nested beyond the depth limit becomes a label, not a stack overflow', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const result = decodeJson(utf8(deep));
    expect(result.ok).toBe(true);
    let node = result.ok ? result.value : undefined;
    let depth = 0;
    while (node?.t === 'array') {
      node = node.items[0];
      depth++;
    }
    expect(depth).toBe(MAX_DECODE_DEPTH);
    expect(node).toEqual({ t: 'label', label: `nested deeper than ${MAX_DECODE_DEPTH}` });
  });
});

describe('the first render of a tree', () => {
  const count = (open: Set<DataNode>) => {
    let lines = 0;
    for (const node of open) {
      const n = node.t === 'array' ? node.items.length : node.t === 'map' ? node.entries.length : 0;
      lines += Math.min(n, CHILD_PAGE) + 1;
    }
    return lines;
  };

  test('a small document opens whole', () => {
    const root = fromJson({ a: [1, 2], b: { c: { d: [3] } } });
    expect(initialOpen(root).size).toBe(5);
  });

  test('a huge document opens within the line budget, the root always', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ id: i, tags: ['a', 'b'] }));
    const root = fromJson(rows);
    const open = initialOpen(root);
    expect(open.has(root)).toBe(true);
    expect(count(open)).toBeLessThanOrEqual(INITIAL_LINES);
    expect(open.size).toBeGreaterThan(50); // some rows open, not only the root
  });

  test('even the root alone is bounded to a page of children', () => {
    const root = fromJson(Array.from({ length: 100_000 }, (_, i) => i));
    expect(count(initialOpen(root, 10))).toBe(CHILD_PAGE + 1);
  });
});

describe('base64', () => {
  test('encodes in 76-character lines and decodes back', () => {
    const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7) & 0xff);
    const text = toBase64(bytes);
    expect(text).toBe(
      (
        Buffer.from(bytes)
          .toString('base64')
          .match(/.{1,76}/g) ?? []
      ).join('\n'),
    );
    expect(fromBase64(text)).toEqual(bytes);
  });

  test('accepts the URL alphabet and missing padding; refuses anything else', () => {
    expect(fromBase64('-_8')).toEqual(Uint8Array.from([0xfb, 0xff]));
    expect(fromBase64('aGk=')).toEqual(utf8('hi'));
    expect(fromBase64('not base64!')).toBeNull();
    expect(fromBase64('abcde')).toBeNull();
    expect(fromBase64('')).toBeNull();
  });
});

describe('decoders', () => {
  test('the automatic choice: JSON, text, hex', () => {
    expect(autoDecoder(utf8('{"a":1}'))).toBe('json');
    expect(autoDecoder(utf8('hello'))).toBe('text');
    expect(autoDecoder(hex('ff fe 00'))).toBe('hex');
  });

  test('the text a diff compares, per decoder', () => {
    expect(decodedText('msgpack', hex('81 a1 61 01'))).toBe('{\n  "a": 1\n}');
    expect(decodedText('cbor', hex('ff'))).toMatch(/^Not valid CBOR at byte 0/);
    expect(decodedText('hex', utf8('AB'))).toMatch(/^00000000 {2}41 42/);
    expect(decodedText('base64', utf8('aGk='))).toMatch(/68 69/);
  });
});

describe('line diff', () => {
  test('marks added and removed lines in order', () => {
    const diff = diffLines('a\nb\nc\nd', 'a\nc\nd\ne');
    expect(diff.lines).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'same', text: 'c' },
      { op: 'same', text: 'd' },
      { op: 'added', text: 'e' },
    ]);
    expect(diff).toMatchObject({ added: 1, removed: 1, minimal: true });
  });

  test('equal texts have no changes', () => {
    expect(diffLines('x\ny', 'x\ny')).toMatchObject({ added: 0, removed: 0 });
  });

  test('past the cell cap the middle is removed-then-added, still complete', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join('\n');
    const diff = diffLines(`head\n${a}\ntail`, `head\n${b}\ntail`, 1_000_000);
    expect(diff).toMatchObject({ minimal: false, added: 3000, removed: 3000 });
    expect(diff.lines[0]).toEqual({ op: 'same', text: 'head' });
    expect(diff.lines.at(-1)).toEqual({ op: 'same', text: 'tail' });
  });

  test('long unchanged runs fold, keeping context around changes', () => {
    const before = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const after = before.slice();
    after[20] = 'changed';
    const hunks = foldDiff(diffLines(before.join('\n'), after.join('\n')).lines, 3);
    expect(hunks.map((h) => (h.fold ? `fold ${h.count}` : h.lines.length))).toEqual([
      'fold 17',
      3,
      1,
      1,
      3,
      'fold 16',
    ]);
  });
});
