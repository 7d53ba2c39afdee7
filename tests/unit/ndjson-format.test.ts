// The export line formats: NDJSON lines that decode back to the same message, CSV cells quoted and
// guarded, every kind of bad line refused with its reason, lines split from a stream.
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, CSV_HEADER } from '../../worker/history/transfer/export-csv';
import { fileLines } from '../../worker/history/transfer/import-lines';
import { importReport, NOT_AN_EXPORT } from '../../worker/history/transfer/import-report';
import { decodeLine } from '../../worker/history/transfer/ndjson-decode';
import {
  fromBase64,
  headerLine,
  ndjsonLine,
  toBase64,
} from '../../worker/history/transfer/ndjson-format';
import type { StoredMessage } from '../../shared/protocol';

const utf8 = new TextEncoder();

function message(overrides: Partial<StoredMessage> = {}): StoredMessage {
  const payload = overrides.payload ?? utf8.encode('{"t":21.5}');
  return {
    id: 7,
    connectionId: 'profile-1',
    topic: 'deck/hall/temp',
    qos: 1,
    retain: false,
    time: 1_700_000_000_123,
    size: payload.length,
    payload,
    ...overrides,
  };
}

/** Encodes to one line and decodes it back (the id is the importer's, so it is dropped). */
function roundTrip(m: StoredMessage) {
  const line = ndjsonLine(m);
  expect(line.endsWith('\n')).toBe(true);
  expect(line.slice(0, -1)).not.toContain('\n');
  const result = decodeLine(line.slice(0, -1), false);
  if (result.kind !== 'message') throw new Error(`not a message: ${JSON.stringify(result)}`);
  const expected: Partial<StoredMessage> = { ...m };
  delete expected.id;
  expect(result.message).toEqual(expected);
  return JSON.parse(line) as Record<string, unknown>;
}

const everyProperty = {
  payloadFormatIndicator: true,
  messageExpiryInterval: 4_294_967_295,
  topicAlias: 65_535,
  responseTopic: 'reply/ünï',
  correlationData: new Uint8Array([0, 255, 1, 254]),
  userProperties: { a: 'b', list: ['x', 'y'], ünï: '' },
  subscriptionIdentifier: [1, 268_435_455],
  contentType: 'application/json',
};

describe('NDJSON lines', () => {
  it('round-trips text, binary, empty, BOM and unicode payloads and topics', () => {
    expect(roundTrip(message()).payload).toBe('{"t":21.5}');
    const binary = roundTrip(message({ payload: new Uint8Array([0xff, 0x00, 0xc3, 0x28]) }));
    expect(binary.payloadBase64).toBe('/wDDKA==');
    expect(binary.payload).toBeUndefined();
    expect(roundTrip(message({ payload: new Uint8Array(0) })).payload).toBe('');
    // A byte order mark is payload: kept, not eaten by the decoder.
    roundTrip(message({ payload: new Uint8Array([0xef, 0xbb, 0xbf, 0x41]) }));
    roundTrip(message({ topic: 'deck/капля/😀', payload: utf8.encode('line\nbreak "q" \u2028') }));
    roundTrip(message({ topic: '$SYS/broker/load', retain: true, qos: 0, published: true }));
    expect(roundTrip(message({ published: true })).direction).toBe('published');
  });

  it('keeps user properties named __proto__, constructor and prototype as values', () => {
    const userProperties = JSON.parse(
      '{"__proto__":"evil","constructor":["a","b"],"prototype":"p","k":"v"}',
    ) as Record<string, string | string[]>;
    const line = ndjsonLine(message({ properties: { userProperties } })).trim();
    const back = decodeLine(line, false);
    if (back.kind !== 'message') throw new Error(`not a message: ${JSON.stringify(back)}`);
    const users = back.message.properties?.userProperties ?? {};
    expect(Object.entries(users)).toEqual([
      ['__proto__', 'evil'],
      ['constructor', ['a', 'b']],
      ['prototype', 'p'],
      ['k', 'v'],
    ]);
    expect(Object.hasOwn(users, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).evil).toBeUndefined();
  });

  it('round-trips every property, and large binary payloads', () => {
    const json = roundTrip(message({ properties: everyProperty }));
    expect((json.properties as Record<string, unknown>).correlationData).toBe('AP8B/g==');
    roundTrip(message({ properties: { subscriptionIdentifier: 5, userProperties: { k: 'v' } } }));
    const big = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
    const line = ndjsonLine(message({ payload: big })).trim();
    const back = decodeLine(line, false);
    if (back.kind !== 'message') throw new Error('not a message');
    expect(Buffer.from(back.message.payload).equals(big)).toBe(true);
    expect(Buffer.from(fromBase64(toBase64(big)) ?? []).equals(big)).toBe(true);
  });

  it('recognises the header line, only first', () => {
    const header = headerLine().trim();
    expect(decodeLine(header, true)).toEqual({ kind: 'header', version: 1 });
    expect(decodeLine(header, false)).toMatchObject({ kind: 'bad' });
    expect(decodeLine('{"format":"other","version":1}', true)).toMatchObject({ kind: 'bad' });
  });

  const valid = JSON.parse(ndjsonLine(message()).trim()) as Record<string, unknown>;
  const badLines: [string, string, RegExp][] = [
    ['not JSON', '{"time":1,', /not valid JSON/],
    ['PNG bytes', '\u0089PNG\r\u001a', /not valid JSON/],
    ['an array', '[1,2]', /not a JSON object/],
    ['a string time', JSON.stringify({ ...valid, time: '2024' }), /time must be a number/],
    ['a negative time', JSON.stringify({ ...valid, time: -1 }), /time must be/],
    ['no topic', JSON.stringify({ ...valid, topic: undefined }), /topic must be a string/],
    ['an empty topic', JSON.stringify({ ...valid, topic: '' }), /topic is not valid.*empty/],
    ['a wildcard topic', JSON.stringify({ ...valid, topic: 'a/+' }), /topic is not valid/],
    ['a lone surrogate topic', JSON.stringify({ ...valid, topic: 'a\ud800' }), /surrogate/],
    ['qos 3', JSON.stringify({ ...valid, qos: 3 }), /^qos must be 0, 1 or 2$/],
    ['qos "1"', JSON.stringify({ ...valid, qos: '1' }), /^qos must be 0, 1 or 2$/],
    ['retain 1', JSON.stringify({ ...valid, retain: 1 }), /retain must be true or false/],
    ['a direction', JSON.stringify({ ...valid, direction: 'sent' }), /direction must be/],
    ['a number connection', JSON.stringify({ ...valid, connection: 5 }), /connection must be/],
    ['no payload', JSON.stringify({ ...valid, payload: undefined }), /has no payload/],
    ['both payloads', JSON.stringify({ ...valid, payloadBase64: 'AA==' }), /both/],
    ['a number payload', JSON.stringify({ ...valid, payload: 5 }), /payload must be a string/],
    [
      'a lone surrogate payload',
      '{"time":1,"topic":"a","qos":0,"retain":false,"payload":"\\udc00"}',
      /surrogate/,
    ],
    [
      'bad base64',
      JSON.stringify({ ...valid, payload: undefined, payloadBase64: 'A*==' }),
      /not valid base64/,
    ],
    [
      'unpadded base64',
      JSON.stringify({ ...valid, payload: undefined, payloadBase64: 'AAA' }),
      /not valid base64/,
    ],
    [
      'properties a list',
      JSON.stringify({ ...valid, properties: [] }),
      /properties must be an object/,
    ],
    [
      'a string indicator',
      JSON.stringify({ ...valid, properties: { payloadFormatIndicator: 1 } }),
      /payloadFormatIndicator/,
    ],
    [
      'a fractional expiry',
      JSON.stringify({ ...valid, properties: { messageExpiryInterval: 1.5 } }),
      /messageExpiryInterval/,
    ],
    ['topic alias 0', JSON.stringify({ ...valid, properties: { topicAlias: 0 } }), /topicAlias/],
    [
      'a number response topic',
      JSON.stringify({ ...valid, properties: { responseTopic: 1 } }),
      /responseTopic must be a string/,
    ],
    [
      'bad correlation data',
      JSON.stringify({ ...valid, properties: { correlationData: '%%' } }),
      /correlationData must be base64/,
    ],
    [
      'user property number',
      JSON.stringify({ ...valid, properties: { userProperties: { a: 1 } } }),
      /userProperties/,
    ],
    [
      'user properties list',
      JSON.stringify({ ...valid, properties: { userProperties: ['a'] } }),
      /userProperties/,
    ],
    [
      'subscription id 0',
      JSON.stringify({ ...valid, properties: { subscriptionIdentifier: [1, 0] } }),
      /subscriptionIdentifier/,
    ],
    [
      'a content type list',
      JSON.stringify({ ...valid, properties: { contentType: ['a'] } }),
      /contentType must be a string/,
    ],
  ];
  it.each(badLines)('refuses a line with %s', (_kind, line, reason) => {
    const result = decodeLine(line, false);
    expect(result.kind).toBe('bad');
    if (result.kind === 'bad') expect(result.problem).toMatch(reason);
  });
});

describe('CSV rows', () => {
  it('quotes per RFC 4180 and guards formula-like text cells', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${start}HYPERLINK("x")`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('=1+2,3')).toBe('"\'=1+2,3"');
    // A plain number is no formula: negative readings stay numbers.
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('+3e5')).toBe('+3e5');
  });

  it('writes one row per message under the header, binary as base64', () => {
    expect(CSV_HEADER.split(',')).toHaveLength(10);
    const row = csvRow(message({ properties: { contentType: 'a,b' }, published: true }));
    expect(row).toBe(
      '2023-11-14T22:13:20.123Z,1700000000123,deck/hall/temp,published,1,false,profile-1,utf-8,' +
        '"{""t"":21.5}","{""contentType"":""a,b""}"\r\n',
    );
    const binary = csvRow(message({ payload: new Uint8Array([0xff]), topic: '=cmd' }));
    expect(binary).toContain(",'=cmd,received,");
    expect(binary).toContain(',base64,/w==,\r\n');
  });
});

function streamOf(...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(typeof c === 'string' ? utf8.encode(c) : c);
      controller.close();
    },
  });
}

async function linesOf(stream: ReadableStream<Uint8Array>, max?: number) {
  const out: unknown[] = [];
  for await (const line of fileLines(stream, max)) {
    out.push('tooLong' in line ? `${line.number}: too long` : `${line.number}: ${line.text}`);
  }
  return out;
}

describe('file lines', () => {
  it('splits across chunks, CRLF and a last line without newline; UTF-8 split mid-character', async () => {
    const ka = utf8.encode('к');
    const split = [
      utf8.encode('a\r\nb'),
      ka.subarray(0, 1),
      ka.subarray(1),
      utf8.encode('c\n\nlast'),
    ];
    expect(await linesOf(streamOf(...split))).toEqual(['1: a', '2: bкc', '3: ', '4: last']);
  });

  it('skips an over-long line without keeping it, and goes on', async () => {
    const long = 'x'.repeat(50);
    const lines = await linesOf(
      streamOf('ok\n', long.slice(0, 30), long.slice(30), '\nnext\n', long),
      40,
    );
    expect(lines).toEqual(['1: ok', '2: too long', '3: next', '4: too long']);
  });
});

describe('import report', () => {
  it('refuses a file with no message in its first 1,000 lines, describing the first 20', () => {
    const report = importReport();
    for (let line = 1; line <= 999; line++) report.bad(line, 'is not valid JSON');
    expect(report.refusal(999)).toBeUndefined();
    report.bad(1000, 'is not valid JSON');
    expect(report.refusal(1000)).toContain(NOT_AN_EXPORT);
    expect(report.problems()).toHaveLength(20);
    expect(report.problems()[11]).toBe('line 12: is not valid JSON');
    expect(report.skipped()).toBe(1000);
  });

  it('accepts bad lines once a message was read; refuses a newer format and an empty file', () => {
    const report = importReport();
    report.bad(1, 'x');
    expect(report.add(message())).toBe(1);
    expect(report.refusal(Infinity)).toBeUndefined();
    expect(importReport().refusal(Infinity)).toMatch(/empty/);
    const newer = importReport();
    newer.header(2);
    expect(newer.refusal(1)).toMatch(/newer MQTT Deck/);
  });
});
