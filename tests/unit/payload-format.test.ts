// Payload formatting: what a person sees for JSON, text, binary, cut and huge payloads.
import { describe, expect, it } from 'vitest';
import {
  PREVIEW_MAX_CHARS,
  decodeUtf8,
  formatBytes,
  formatPreview,
  hexDump,
  prettyJson,
  previewLine,
  toHex,
  visibleControls,
} from '../../src/ui/payload-format';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('formatPreview', () => {
  it('shows JSON on one line', () => {
    const p = formatPreview(utf8('{\n  "temp": 21.5,\n  "ok": true\n}'));
    expect(p).toEqual({ kind: 'json', text: '{"temp":21.5,"ok":true}', cut: false, marker: '' });
  });

  it('shows UTF-8 text with control characters made visible', () => {
    const p = formatPreview(utf8('line 1\nline\t2 — ünïcødé ✓'));
    expect(p.kind).toBe('text');
    expect(p.text).toBe('line 1↵line⇥2 — ünïcødé ✓');
    expect(p.text).not.toMatch(/[\n\t]/);
  });

  it('shows bytes that are not UTF-8 as hex', () => {
    const p = formatPreview(new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    expect(p).toEqual({ kind: 'hex', text: 'de ad be ef', cut: false, marker: '' });
  });

  it('treats an empty payload as empty, not as text', () => {
    expect(formatPreview(new Uint8Array()).kind).toBe('empty');
  });

  it('keeps HTML as literal text', () => {
    const p = formatPreview(utf8('<img src=x onerror=alert(1)>'));
    expect(p.text).toBe('<img src=x onerror=alert(1)>');
  });

  it('marks a long payload as cut, visibly, with its full size', () => {
    const size = 1_048_576;
    const preview = utf8('x'.repeat(1024));
    const p = formatPreview(preview, size);
    expect(p.cut).toBe(true);
    expect(p.text.length).toBe(PREVIEW_MAX_CHARS);
    expect(p.marker).toBe('… (1,048,576 bytes) [truncated]');
    expect(previewLine(p)).toBe(`${'x'.repeat(PREVIEW_MAX_CHARS)} … (1,048,576 bytes) [truncated]`);
  });

  it('marks a short preview of a larger payload as cut', () => {
    const p = formatPreview(utf8('abc'), 5000);
    expect(p).toMatchObject({ kind: 'text', text: 'abc', cut: true });
  });

  it('does not mistake a preview cut inside a UTF-8 sequence for binary', () => {
    const whole = utf8('é'.repeat(600)); // 1200 bytes, 2 per character
    const preview = whole.slice(0, 1023); // ends on the first byte of a sequence
    const p = formatPreview(preview, whole.length);
    expect(p.kind).toBe('text');
    expect(p.text).toBe('é'.repeat(PREVIEW_MAX_CHARS));
    expect(p.cut).toBe(true);
  });

  it('still shows a whole payload ending in a broken sequence as hex', () => {
    const bytes = new Uint8Array([0x61, 0x62, 0xc3]);
    expect(formatPreview(bytes).kind).toBe('hex');
  });

  it('does not call the start of a larger JSON payload JSON', () => {
    const p = formatPreview(utf8('{"a": 1'), 4000);
    expect(p.kind).toBe('text');
    expect(p.cut).toBe(true);
  });

  it('cuts a long binary preview and says so', () => {
    const bytes = new Uint8Array(1024).fill(0xff);
    const p = formatPreview(bytes, 1024);
    expect(p.kind).toBe('hex');
    expect(p.text.length).toBe(PREVIEW_MAX_CHARS);
    expect(p.text.startsWith('ff ff ff')).toBe(true);
    expect(p.cut).toBe(true);
  });
});

describe('decoding', () => {
  it('rejects invalid UTF-8 and accepts a BOM-less valid string', () => {
    expect(decodeUtf8(new Uint8Array([0xff]))).toBeNull();
    expect(decodeUtf8(utf8('ok'))).toBe('ok');
  });

  it('drops only an incomplete tail when told the bytes are partial', () => {
    const bytes = utf8('a€'); // € is 3 bytes
    expect(decodeUtf8(bytes.slice(0, 3), true)).toBe('a');
    expect(decodeUtf8(bytes.slice(0, 3))).toBeNull();
  });

  it('makes line breaks, tabs, every other C0 control and DEL visible', () => {
    expect(visibleControls('a\r\nb\nc\rd\te')).toBe('a↵b↵c↵d⇥e');
    expect(visibleControls('\u0000\u001b\u007f')).toBe('\\x00\\x1b\\x7f');
  });
});

describe('prettyJson', () => {
  it('indents valid JSON and refuses anything else', () => {
    expect(prettyJson(utf8('{"a":[1,2]}'))).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(prettyJson(utf8('not json'))).toBeNull();
    expect(prettyJson(new Uint8Array([0xff, 0x7b]))).toBeNull();
  });
});

describe('hex', () => {
  it('joins bytes with spaces, up to a limit', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('00 0f ff');
    expect(toHex(new Uint8Array([1, 2, 3]), 2)).toBe('01 02');
  });

  it('dumps with absolute offsets and an ASCII column', () => {
    const bytes = utf8('Hello, MQTT Deck!\n');
    expect(hexDump(bytes).split('\n')).toEqual([
      '00000000  48 65 6c 6c 6f 2c 20 4d  51 54 54 20 44 65 63 6b  |Hello, MQTT Deck|',
      '00000010  21 0a                                             |!.|',
    ]);
    expect(hexDump(bytes, 16, 16)).toBe(
      '00000010  21 0a                                             |!.|',
    );
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(1_048_576)).toBe('1.0 MB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
  });
});
