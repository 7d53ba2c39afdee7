// The CSV export: RFC 4180 rows (quoted where needed, CRLF line ends), one per message, for
// spreadsheets. Not for import: NDJSON is the format that round-trips.
import { payloadText, propertiesJson, toBase64 } from './ndjson-format';
import type { StoredMessage } from '../../../shared/protocol';

export const CSV_HEADER =
  'time_iso,time_ms,topic,direction,qos,retain,connection,payload_encoding,payload,properties\r\n';

// Formula injection: a spreadsheet runs a cell starting with = + - @ (or a tab or CR, which some
// strip first) as a formula, and topics and payloads come from anyone. Such text cells get a
// leading apostrophe, which spreadsheets show as text; a cell that is just a number is left alone.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One text cell: guarded against formula injection, then quoted per RFC 4180 if needed. */
export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One message as one CSV row, CRLF included. */
export function csvRow(message: StoredMessage): string {
  const text = payloadText(message.payload);
  const cells = [
    new Date(message.time).toISOString(),
    String(message.time),
    csvCell(message.topic),
    message.published === true ? 'published' : 'received',
    String(message.qos),
    message.retain ? 'true' : 'false',
    csvCell(message.connectionId),
    text === undefined ? 'base64' : 'utf-8',
    text === undefined ? toBase64(message.payload) : csvCell(text),
    message.properties ? csvCell(JSON.stringify(propertiesJson(message.properties))) : '',
  ];
  return `${cells.join(',')}\r\n`;
}
