// How payload bytes are shown to people: one-line previews, pretty JSON, hex dumps and sizes.
// Pure functions (no DOM), shared by the message list and the detail view, unit tested in Node.

/** Longest preview line, in characters, before it is cut with a visible marker. */
export const PREVIEW_MAX_CHARS = 300;
/** Bytes per line of a hex dump. */
export const HEX_BYTES_PER_LINE = 16;

export type PreviewKind = 'empty' | 'json' | 'text' | 'hex';

export interface Preview {
  kind: PreviewKind;
  /** The one-line text, without the cut marker. */
  text: string;
  /** True when the payload holds more than `text` shows. */
  cut: boolean;
  /** Visible cut marker ("… (1,048,576 bytes) [truncated]"), empty when nothing was cut. */
  marker: string;
}

/**
 * Decodes strict UTF-8; null when the bytes are not valid UTF-8. With `partial`, the bytes are the
 * start of a longer payload, so an incomplete sequence at the very end is dropped, not an error.
 */
export function decodeUtf8(bytes: Uint8Array, partial = false): string | null {
  try {
    // A fresh decoder per call: `stream: true` keeps the incomplete tail buffered instead of throwing.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, {
      stream: partial,
    });
  } catch {
    return null;
  }
}

/** Decodes for display no matter what: invalid sequences become U+FFFD. */
export function decodeLossy(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** `de ad be ef` */
export function toHex(bytes: Uint8Array, maxBytes = bytes.length): string {
  const n = Math.min(maxBytes, bytes.length);
  const parts = new Array<string>(n);
  for (let i = 0; i < n; i++) parts[i] = (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return parts.join(' ');
}

/**
 * Control characters become visible so a preview stays on one line: line breaks (LF, CR, CRLF)
 * → ↵, TAB → ⇥, any other C0 control or DEL → its `\xNN` escape. Arrows rather than the Unicode
 * control pictures (␊), which many system fonts lack.
 */
export function visibleControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n|[\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\r\n' || c === '\n' || c === '\r') return '↵';
    if (c === '\t') return '⇥';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** The one-line JSON form of `text`, or null when it is not JSON. */
export function compactJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return null;
  }
}

/** Pretty-printed JSON of a whole payload, or null when it is not UTF-8 JSON. */
export function prettyJson(bytes: Uint8Array): string | null {
  const text = decodeUtf8(bytes);
  if (text === null) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

function cutMarker(size: number): string {
  return `… (${formatCount(size)} bytes) [truncated]`;
}

/**
 * One-line preview of a payload from its first bytes. `size` is the whole payload's size: when it
 * exceeds `bytes.length`, the preview is marked cut (and never mistaken for JSON or for hex).
 */
export function formatPreview(
  bytes: Uint8Array,
  size = bytes.length,
  maxChars = PREVIEW_MAX_CHARS,
): Preview {
  const partial = size > bytes.length;
  if (size === 0) return { kind: 'empty', text: '', cut: false, marker: '' };

  let kind: PreviewKind;
  let text: string;
  const decoded = decodeUtf8(bytes, partial);
  if (decoded === null) {
    kind = 'hex';
    // Three characters per byte; only decode as many bytes as can be shown.
    text = toHex(bytes, Math.ceil(maxChars / 3) + 1);
  } else {
    const json = partial ? null : compactJson(decoded);
    kind = json === null ? 'text' : 'json';
    text = visibleControls(json ?? decoded);
  }

  let cut = partial;
  if (text.length > maxChars) {
    text = text.slice(0, maxChars);
    cut = true;
  }
  return { kind, text, cut, marker: cut ? cutMarker(size) : '' };
}

/** The preview as one string, marker included: for places that cannot style the marker apart. */
export function previewLine(preview: Preview): string {
  return preview.cut ? `${preview.text} ${preview.marker}` : preview.text;
}

function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

/**
 * Hex dump lines `00000010  de ad be ef …  |....|` for `length` bytes from `offset`; offsets are
 * absolute so a page of a large payload reads like a slice of the whole dump.
 */
export function hexDump(bytes: Uint8Array, offset = 0, length = bytes.length - offset): string {
  const end = Math.min(bytes.length, offset + length);
  const lines: string[] = [];
  for (let start = offset; start < end; start += HEX_BYTES_PER_LINE) {
    const stop = Math.min(end, start + HEX_BYTES_PER_LINE);
    let hex = '';
    let ascii = '';
    for (let i = start; i < start + HEX_BYTES_PER_LINE; i++) {
      if (i < stop) {
        const byte = bytes[i] ?? 0;
        hex += byte.toString(16).padStart(2, '0') + ' ';
        ascii += printable(byte);
      } else {
        hex += '   ';
      }
      if (i - start === 7) hex += ' ';
    }
    lines.push(`${start.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`);
  }
  return lines.join('\n');
}

/** `1,048,576` */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Human size with binary units: `512 B`, `1.5 KB`, `1.0 MB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
