// Reads one line of an NDJSON export back, checking every field: the file may come from anyone,
// so each wrong field gets a sentence saying what is wrong (the caller adds the line number).
import { validatePublishTopic } from '../../../shared/mqtt/topics';
import { fromBase64, NDJSON_FORMAT, wellFormed } from './ndjson-format';
import { readProperties } from './ndjson-properties';
import type { StoredMessage } from '../../../shared/protocol';

/** A message as read from a file; the importer numbers them 1..n in file order. */
export type ImportedMessage = Omit<StoredMessage, 'id'>;

export type LineResult =
  | { kind: 'message'; message: ImportedMessage }
  | { kind: 'header'; version: number }
  | { kind: 'bad'; problem: string };

/** Latest time accepted: the largest a JavaScript Date holds. */
const MAX_TIME_MS = 8.64e15;

const utf8 = new TextEncoder();
const bad = (problem: string): LineResult => ({ kind: 'bad', problem });
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readHeader(line: Record<string, unknown>): LineResult {
  if (line.format !== NDJSON_FORMAT)
    return bad(`the file format "${String(line.format).slice(0, 40)}" is not ${NDJSON_FORMAT}`);
  const version = line.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return bad('the header has no valid format version');
  }
  return { kind: 'header', version };
}

function readPayload(line: Record<string, unknown>): Uint8Array | string {
  const text = line.payload;
  const base64 = line.payloadBase64;
  if (text !== undefined && base64 !== undefined) return 'has both payload and payloadBase64';
  if (text !== undefined) {
    if (typeof text !== 'string') return 'payload must be a string';
    // A lone surrogate (possible as a JSON escape) has no UTF-8 bytes to give back.
    if (!wellFormed(text))
      return 'payload holds a lone surrogate (not UTF-8); binary goes in payloadBase64';
    return utf8.encode(text);
  }
  if (base64 === undefined) return 'has no payload (payload or payloadBase64)';
  if (typeof base64 !== 'string') return 'payloadBase64 must be a string';
  return fromBase64(base64) ?? 'payloadBase64 is not valid base64';
}

/** Decodes one line (without its newline); a header only counts as such on the first line. */
export function decodeLine(text: string, first: boolean): LineResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return bad('is not valid JSON (a cut-off line, or not an export at all)');
  }
  if (!isObject(parsed)) return bad('is not a JSON object');
  if ('format' in parsed) {
    return first ? readHeader(parsed) : bad('a header line is only allowed first');
  }
  const { time, topic, direction, qos, retain, connection } = parsed;
  if (typeof time !== 'number' || !Number.isFinite(time) || time < 0 || time > MAX_TIME_MS) {
    return bad('time must be a number of milliseconds since 1970');
  }
  if (typeof topic !== 'string') return bad('topic must be a string');
  const topicError = validatePublishTopic(topic);
  if (topicError) return bad(`topic is not valid: ${topicError}`);
  if (direction !== undefined && direction !== 'received' && direction !== 'published') {
    return bad('direction must be "received" or "published"');
  }
  if (qos !== 0 && qos !== 1 && qos !== 2) return bad('qos must be 0, 1 or 2');
  if (typeof retain !== 'boolean') return bad('retain must be true or false');
  if (connection !== undefined && typeof connection !== 'string') {
    return bad('connection must be a string');
  }
  const payload = readPayload(parsed);
  if (typeof payload === 'string') return bad(payload);
  const message: ImportedMessage = {
    time,
    topic,
    qos,
    retain,
    connectionId: connection ?? '',
    size: payload.length,
    payload,
  };
  if (direction === 'published') message.published = true;
  if (parsed.properties !== undefined) {
    const properties = readProperties(parsed.properties);
    if (typeof properties === 'string') return bad(properties);
    message.properties = properties;
  }
  return { kind: 'message', message };
}
