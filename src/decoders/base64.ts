// Base64 both ways for the payload view: the payload written as base64, and a payload that is
// base64 text decoded back to its bytes (strict: standard or URL alphabet, padding optional).

/** Base64 line length, as MIME writes it. */
export const BASE64_LINE_CHARS = 76;
/** Bytes encoded per btoa call (a multiple of 3, so chunks join without padding between). */
const CHUNK_BYTES = 57 * 1024;

/** `bytes[0, maxBytes)` as base64 in lines of 76 characters. */
export function toBase64(bytes: Uint8Array, maxBytes = bytes.length): string {
  const end = Math.min(bytes.length, maxBytes);
  const parts: string[] = [];
  for (let start = 0; start < end; start += CHUNK_BYTES) {
    const chunk = bytes.subarray(start, Math.min(end, start + CHUNK_BYTES));
    let binary = '';
    for (let i = 0; i < chunk.length; i++) binary += String.fromCharCode(chunk[i]!);
    parts.push(btoa(binary));
  }
  const all = parts.join('');
  const lines: string[] = [];
  for (let i = 0; i < all.length; i += BASE64_LINE_CHARS) {
    lines.push(all.slice(i, i + BASE64_LINE_CHARS));
  }
  return lines.join('\n');
}

/** The bytes `text` encodes, or null unless it is wholly base64 (whitespace between allowed). */
export function fromBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (compact.length === 0 || compact.length % 4 === 1) return null;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  const padded = compact.padEnd(Math.ceil(compact.length / 4) * 4, '=');
  try {
    const binary = atob(padded);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
