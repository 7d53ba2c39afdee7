// Saved payloads files (issue 7): the round trip, fresh keys on collision, and every bad entry
// named by its position in words; the store's read-back and save checks on the same rules.
import { describe, expect, it } from 'vitest';
import type { PayloadTemplate } from '../../shared/protocol';
import {
  MAX_TEMPLATE_FILE_BYTES,
  templatesFromFile,
  templatesToFile,
} from '../../shared/templates/template-file';
import { MAX_TEMPLATES_PER_PROFILE } from '../../shared/templates/template-validate';
import { checkTemplates, readTemplates } from '../../worker/saved/templates-store';

const PING: PayloadTemplate = {
  key: 'k1',
  name: 'Ping',
  topic: 'deck/cmd',
  payload: '{"command":"ping"}',
  options: { qos: 1, retain: false },
};
const REQUEST: PayloadTemplate = {
  key: 'k2',
  name: 'Ask',
  topic: 'deck/req',
  payload: 'status?',
  options: {
    qos: 2,
    retain: true,
    contentType: 'text/plain',
    payloadFormatIndicator: true,
    messageExpiryIntervalS: 60,
    responseTopic: 'deck/reply',
    correlationData: new Uint8Array([0, 1, 254, 255]),
    userProperties: { a: 'b', many: ['1', '2'] },
  },
};

let counter = 0;
const newKey = () => `fresh-${++counter}`;
const file = (templates: unknown[]) =>
  JSON.stringify({ format: 'mqtt-deck-payloads', version: 1, templates });
const errorsOf = (text: string, taken = new Set<string>()) => {
  const result = templatesFromFile(text, taken, newKey);
  return result.ok ? [] : result.errors;
};

describe('saved payloads file', () => {
  it('round-trips every field, correlation data included', () => {
    const result = templatesFromFile(templatesToFile([PING, REQUEST]), new Set(), newKey);
    expect(result).toEqual({ ok: true, templates: [PING, REQUEST] });
  });

  it('gives fresh keys to entries whose key is taken or repeated', () => {
    const text = file([PING, { ...PING, name: 'again' }]);
    const result = templatesFromFile(text, new Set(['other']), newKey);
    expect(result.ok && result.templates.map((t) => t.key)).toEqual([
      'k1',
      expect.stringMatching(/^fresh-/),
    ]);
    const clash = templatesFromFile(file([PING]), new Set(['k1']), newKey);
    expect(clash.ok && clash.templates[0]?.key).toMatch(/^fresh-/);
  });

  it.each([
    ['not JSON', '{"format": ', /not JSON/],
    [
      'the wrong format',
      JSON.stringify({ format: 'mqtt-deck-dashboard', version: 1 }),
      /not a saved payloads file/,
    ],
    [
      'a newer version',
      JSON.stringify({ format: 'mqtt-deck-payloads', version: 2, templates: [] }),
      /version 2/,
    ],
    ['no list', JSON.stringify({ format: 'mqtt-deck-payloads', version: 1 }), /no list/],
    ['an empty list', file([]), /holds no saved payloads/],
    ['too large', ' '.repeat(MAX_TEMPLATE_FILE_BYTES + 1), /larger than 16 MiB/],
  ])('refuses %s in words', (_what, text, message) => {
    expect(errorsOf(text).join(' ')).toMatch(message);
  });

  it('names each bad entry by its position, field by field', () => {
    const errors = errorsOf(
      file([
        PING,
        { ...PING, name: 'Wild', topic: 'deck/+/cmd' },
        42,
        { ...PING, name: '' },
        { ...PING, name: 'Q', options: { qos: 3, retain: false } },
        { ...PING, name: 'Big', payload: 'x'.repeat(256 * 1024 + 1) },
        { ...PING, name: 'Hex', options: { qos: 0, retain: false, correlationData: 'zz' } },
        { ...PING, name: 'Props', options: { qos: 0, retain: false, userProperties: { a: 1 } } },
        { ...PING, name: 'Reply', options: { qos: 0, retain: false, responseTopic: 'a/#' } },
      ]),
    );
    expect(errors).toEqual([
      expect.stringMatching(/^Template 2 \("Wild"\): its topic "deck\/\+\/cmd" .*wildcards.*\)\.$/),
      'Template 3: it is not an object.',
      expect.stringMatching(/^Template 4 \(""\): it has no name/),
      expect.stringMatching(/^Template 5 \("Q"\): QoS must be 0, 1 or 2 \(got 3\)/),
      expect.stringMatching(/^Template 6 \("Big"\): its payload is 262,145 bytes; at most 256 KiB/),
      expect.stringMatching(/^Template 7 \("Hex"\): its correlation data must be hex/),
      expect.stringMatching(/^Template 8 \("Props"\): its user property "a" must have text values/),
      expect.stringMatching(/^Template 9 \("Reply"\): its response topic: .*wildcards/),
    ]);
  });

  it('refuses more than a profile keeps, counting those already there', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ ...PING, key: `m${i}` }));
    const taken = new Set(Array.from({ length: MAX_TEMPLATES_PER_PROFILE - 5 }, (_, i) => `t${i}`));
    expect(errorsOf(file(many), taken).join(' ')).toMatch(/more than the 500/);
  });
});

describe('templates store checks', () => {
  it('drops invalid and repeated entries on read, keeping the valid ones in order', () => {
    const stored = [PING, { ...PING, topic: '#' }, 'junk', { ...PING, name: 'dup' }, REQUEST];
    expect(readTemplates(stored)).toEqual([PING, REQUEST]);
    expect(readTemplates({ not: 'a list' })).toEqual([]);
  });

  it('refuses a bad collection in words and copies only known fields', () => {
    const bad = checkTemplates([PING, { ...REQUEST, topic: 'a/#' }]);
    expect(bad.ok || bad.message).toMatch(/^Saved payload 2 \("Ask"\) cannot be saved: its topic/);
    const dup = checkTemplates([PING, PING]);
    expect(dup.ok || dup.message).toMatch(/same key/);
    const tooMany = checkTemplates(
      Array.from({ length: 501 }, (_, i) => ({ ...PING, key: `${i}` })),
    );
    expect(tooMany.ok || tooMany.message).toMatch(/At most 500/);
    const extra = checkTemplates([{ ...PING, secret: 1, options: { ...PING.options, x: 2 } }]);
    expect(extra.ok && extra.templates).toEqual([PING]);
  });
});
