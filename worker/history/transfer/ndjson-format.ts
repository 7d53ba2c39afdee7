// The NDJSON export format: a header line, then one message per line with every field kept, so an
// import gives back byte-identical messages. Encoding here; validation of lines in ndjson-decode.ts.
import type { MessageProperties, StoredMessage } from '../../../shared/protocol';

/** First line of every export; lets the importer recognise the file and its format version. */
export const NDJSON_FORMAT = 'mqtt-deck-export';
export const NDJSON_VERSION = 1;

/** Bytes per String.fromCharCode call: large enough to be fast, small enough for the stack. */
const BASE64_CHUNK_BYTES = 0x8000;

// fatal: binary payloads go out as base64; ignoreBOM: a leading U+FEFF is payload, not a marker.
const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function headerLine(): string {
  return `${JSON.stringify({ format: NDJSON_FORMAT, version: NDJSON_VERSION })}\n`;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += BASE64_CHUNK_BYTES) {
    binary += String.fromCharCode(...bytes.subarray(at, at + BASE64_CHUNK_BYTES));
  }
  return btoa(binary);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes of canonical padded base64, or undefined when `text` is not that. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string has UTF-8 bytes (JSON escapes can give lone surrogates, which have none). */
export const wellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);

/** The payload as UTF-8 text when it is valid UTF-8, else undefined (then it goes as base64). */
export function payloadText(payload: Uint8Array): string | undefined {
  try {
    return utf8Fatal.decode(payload);
  } catch {
    return undefined;
  }
}

/** The order properties are written in, whatever order the object has them: exports repeat. */
const PROPERTY_ORDER = [
  'payloadFormatIndicator',
  'messageExpiryInterval',
  'topicAlias',
  'responseTopic',
  'correlationData',
  'userProperties',
  'subscriptionIdentifier',
  'contentType',
] as const satisfies readonly (keyof MessageProperties)[];

/** Properties as JSON can carry them: correlation data as base64. */
export function propertiesJson(properties: MessageProperties): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of PROPERTY_ORDER) {
    const value = properties[key];
    if (value === undefined) continue;
    out[key] = value instanceof Uint8Array ? toBase64(value) : value;
  }
  return out;
}

/** One message as an object in the export's field order (NDJSON line, CSV columns). */
export function messageJson(message: StoredMessage): Record<string, unknown> {
  const line: Record<string, unknown> = {
    id: message.id,
    time: message.time,
    topic: message.topic,
    direction: message.published === true ? 'published' : 'received',
    qos: message.qos,
    retain: message.retain,
    connection: message.connectionId,
  };
  const text = payloadText(message.payload);
  if (text === undefined) line.payloadBase64 = toBase64(message.payload);
  else line.payload = text;
  if (message.properties) line.properties = propertiesJson(message.properties);
  return line;
}

/** One message as one NDJSON line, newline included. */
export function ndjsonLine(message: StoredMessage): string {
  return `${JSON.stringify(messageJson(message))}\n`;
}
