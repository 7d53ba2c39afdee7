// DataNode trees as text: one-line leaves for the tree view, and the whole tree pretty-printed
// (exactly JSON.stringify(value, null, 2) for JSON) for copying and diffing, within a size cap.
import { byteCount } from './byte-reader';
import type { DataNode } from './data-node';

/** Bytes of a byte string shown in hex before the rest is counted instead. */
export const BYTES_SHOWN = 64;
/** Longest pretty text built; beyond it the text ends with a visible marker. */
export const TEXT_MAX_CHARS = 1_000_000;

function hexBytes(bytes: Uint8Array): string {
  let out = '';
  const n = Math.min(bytes.length, BYTES_SHOWN);
  for (let i = 0; i < n; i++) out += bytes[i]!.toString(16).padStart(2, '0');
  return bytes.length > n ? `${out}… +${bytes.length - n}` : out;
}

/** The token class a leaf is coloured by. */
export type Token = 'null' | 'bool' | 'num' | 'str' | 'bytes' | 'label';

/** A leaf (or a label without content) as one line of text, with its token class. */
export function leafText(node: DataNode): { text: string; token: Token } {
  switch (node.t) {
    case 'null':
      return { text: 'null', token: 'null' };
    case 'bool':
      return { text: String(node.v), token: 'bool' };
    case 'num':
      // JSON's own form for finite numbers (-0 → 0, as JSON.stringify writes it).
      return {
        text:
          typeof node.v === 'number' && Number.isFinite(node.v)
            ? JSON.stringify(node.v)
            : String(node.v),
        token: 'num',
      };
    case 'str':
      return { text: JSON.stringify(node.v), token: 'str' };
    case 'bytes':
      return { text: `<${byteCount(node.v.length)}: ${hexBytes(node.v)}>`, token: 'bytes' };
    default:
      return { text: node.t === 'label' ? node.label : `[${node.t}]`, token: 'label' };
  }
}

/** A map key on one line: strings quoted as JSON keys are, anything else in its compact text. */
export function keyText(key: DataNode): string {
  return key.t === 'str' ? JSON.stringify(key.v) : compactText(key);
}

/** A whole (small) value on one line, for map keys that are not strings. */
function compactText(node: DataNode): string {
  if (node.t === 'array') return `[${node.items.map(compactText).join(',')}]`;
  if (node.t === 'map') {
    return `{${node.entries.map(([k, v]) => `${keyText(k)}:${compactText(v)}`).join(',')}}`;
  }
  if (node.t === 'label' && node.v) return `${node.label} ${compactText(node.v)}`;
  return leafText(node).text;
}

/** Pretty text of the whole tree, two spaces per level, cut with a marker past `maxChars`. */
export function prettyText(root: DataNode, maxChars = TEXT_MAX_CHARS): string {
  const out: string[] = [];
  let length = 0;
  let cut = false;
  const push = (s: string) => {
    if (cut) return;
    out.push(s);
    length += s.length;
    if (length > maxChars) cut = true;
  };
  const walk = (node: DataNode, indent: string) => {
    if (cut) return;
    if (node.t === 'label' && node.v) {
      push(`${node.label} `);
      return walk(node.v, indent);
    }
    const isArray = node.t === 'array';
    if (node.t !== 'array' && node.t !== 'map') return push(leafText(node).text);
    const count = isArray ? node.items.length : node.entries.length;
    if (count === 0) return push(isArray ? '[]' : '{}');
    const inner = indent + '  ';
    push(isArray ? '[' : '{');
    for (let i = 0; i < count && !cut; i++) {
      push(`\n${inner}`);
      if (isArray) walk(node.items[i]!, inner);
      else {
        const [k, v] = node.entries[i]!;
        push(`${keyText(k)}: `);
        walk(v, inner);
      }
      if (i < count - 1) push(',');
    }
    push(`\n${indent}${isArray ? ']' : '}'}`);
  };
  walk(root, '');
  const text = out.join('');
  return cut ? `${text.slice(0, maxChars)}\n… (cut at ${maxChars} characters)` : text;
}
