// Saved payloads as a file: {"format":"mqtt-deck-payloads","version":1,"templates":[...]}. Import
// checks every entry field by field and names each bad one by its position; nothing else leaves.
import type { PayloadTemplate } from '../protocol/index';
import { MAX_TEMPLATES_PER_PROFILE, templateOf } from './template-validate';

export const TEMPLATE_FILE_FORMAT = 'mqtt-deck-payloads';
export const TEMPLATE_FILE_VERSION = 1;
/** Refused before reading: 500 templates of 256 KiB each would not fit in less anyway. */
export const MAX_TEMPLATE_FILE_BYTES = 16 * 1024 * 1024;
/** Most problems listed: past that the file is not worth reading line by line. */
const MAX_LISTED_ERRORS = 20;

export type TemplateImport =
  { ok: true; templates: PayloadTemplate[] } | { ok: false; errors: string[] };

const toHex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function fromHex(text: string): Uint8Array | null {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) return null;
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** The file's text. Correlation data is written as hex: JSON has no bytes. */
export function templatesToFile(templates: PayloadTemplate[]): string {
  const entries = templates.map(({ key, name, topic, payload, options }) => {
    const { correlationData, ...rest } = options;
    const written = correlationData ? { ...rest, correlationData: toHex(correlationData) } : rest;
    return { key, name, topic, payload, options: written };
  });
  const file = { format: TEMPLATE_FILE_FORMAT, version: TEMPLATE_FILE_VERSION, templates: entries };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The entry with its hex correlation data turned back into bytes, or why it cannot be. */
function decodeEntry(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const entry = raw as { options?: unknown };
  const options = entry.options as { correlationData?: unknown } | null | undefined;
  if (typeof options !== 'object' || options === null || options.correlationData === undefined) {
    return raw;
  }
  const hex = options.correlationData;
  const bytes = typeof hex === 'string' ? fromHex(hex) : null;
  if (bytes === null) throw new Error('its correlation data must be hex digits, two per byte');
  return { ...entry, options: { ...options, correlationData: bytes } };
}

/**
 * Reads a file's text. All or nothing: any bad entry refuses the file, with every problem listed.
 * Keys already in `taken` (the collection it joins) or repeated in the file get fresh ones.
 */
export function templatesFromFile(
  text: string,
  taken: ReadonlySet<string>,
  newKey: () => string,
): TemplateImport {
  if (text.length > MAX_TEMPLATE_FILE_BYTES) {
    return {
      ok: false,
      errors: ['The file is larger than 16 MiB; saved payloads files are smaller.'],
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, errors: ['The file is not JSON, so it is not a saved payloads file.'] };
  }
  const file = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  if (file.format !== TEMPLATE_FILE_FORMAT) {
    return {
      ok: false,
      errors: [
        `The file is not a saved payloads file (its format is not "${TEMPLATE_FILE_FORMAT}").`,
      ],
    };
  }
  if (file.version !== TEMPLATE_FILE_VERSION) {
    return {
      ok: false,
      errors: [
        `The file is version ${String(file.version)}; this app reads version ${TEMPLATE_FILE_VERSION}.`,
      ],
    };
  }
  if (!Array.isArray(file.templates))
    return { ok: false, errors: ['The file has no list of templates.'] };
  const entries = file.templates as unknown[];
  if (entries.length + taken.size > MAX_TEMPLATES_PER_PROFILE) {
    return {
      ok: false,
      errors: [
        `The file holds ${entries.length} saved payloads; with the ${taken.size} already here that is more than the ${MAX_TEMPLATES_PER_PROFILE} a profile keeps.`,
      ],
    };
  }
  const used = new Set(taken);
  const templates: PayloadTemplate[] = [];
  const errors: string[] = [];
  for (const [i, raw] of entries.entries()) {
    const name = (raw as { name?: unknown } | null)?.name;
    const label = `Template ${i + 1}${typeof name === 'string' ? ` ("${name.slice(0, 60)}")` : ''}`;
    try {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new Error('it is not an object');
      }
      const key = (raw as { key?: unknown } | null)?.key;
      const fresh = typeof key !== 'string' || key === '' || used.has(key) ? newKey() : key;
      const checked = templateOf({ ...(decodeEntry(raw) as object), key: fresh });
      if (!checked.ok) throw new Error(checked.error);
      used.add(fresh);
      templates.push(checked.value);
    } catch (error) {
      errors.push(`${label}: ${error instanceof Error ? error.message : String(error)}.`);
    }
    if (errors.length === MAX_LISTED_ERRORS) {
      errors.push('… and perhaps more; fix these first.');
      break;
    }
  }
  if (entries.length === 0) errors.push('The file holds no saved payloads.');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, templates };
}
