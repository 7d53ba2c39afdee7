// Every MQTT 5 field of a publish is checked before the outbox takes it: refused by name on 3.1.1,
// bounded on 5.0, counted exactly in the packet size, and a topic alias checked against the broker.
import { describe, expect, it } from 'vitest';
import type { PublishOptions } from '../../shared/protocol';
import { publishError } from '../../shared/mqtt/publish-validation';
import type { PublishLimits } from '../../shared/mqtt/publish-validation';

const V5: PublishLimits = { version: 5, topicAliasMaximum: 10 };
const V4: PublishLimits = { version: 4 };
const text = (s: string) => new TextEncoder().encode(s);
const base: PublishOptions = { qos: 1, retain: false };
const check = (options: Partial<PublishOptions>, limits = V5, payload = text('hello')) =>
  publishError('a/b', payload, { ...base, ...options }, limits);

describe('MQTT 5 publish options', () => {
  it.each([
    [
      'contentType',
      { contentType: 'text/plain' },
      /Content type needs MQTT 5; this connection uses 3\.1\.1/,
    ],
    [
      'payloadFormatIndicator',
      { payloadFormatIndicator: true },
      /Payload format indicator needs MQTT 5/,
    ],
    ['messageExpiryIntervalS', { messageExpiryIntervalS: 5 }, /Message expiry needs MQTT 5/],
    ['responseTopic', { responseTopic: 'r' }, /Response topic needs MQTT 5/],
    ['correlationData', { correlationData: new Uint8Array(2) }, /Correlation data needs MQTT 5/],
    ['userProperties', { userProperties: { a: 'b' } }, /User properties need MQTT 5/],
    ['topicAlias', { topicAlias: 1 }, /Topic alias needs MQTT 5/],
  ])('refuses %s on 3.1.1 by name', (_field, options, words) => {
    expect(check(options, V4)).toMatchObject({ code: 'invalid-option', message: words });
  });

  it('accepts every field within its range on 5.0', () => {
    expect(
      check({
        contentType: 'application/json',
        payloadFormatIndicator: true,
        messageExpiryIntervalS: 4_294_967_295,
        responseTopic: 'reply/here',
        correlationData: new Uint8Array(65_535),
        userProperties: { a: ['1', '2'] },
        topicAlias: 10,
      }),
    ).toBeUndefined();
  });

  it('refuses out-of-range values in words', () => {
    expect(check({ messageExpiryIntervalS: 4_294_967_296 })?.message).toMatch(
      /Message expiry must be a whole number of seconds from 0 to 4,294,967,295/,
    );
    expect(check({ messageExpiryIntervalS: 1.5 })?.message).toMatch(/Message expiry/);
    expect(check({ responseTopic: 'reply/#' })?.message).toMatch(/^Response topic: .*wildcard/i);
    expect(check({ correlationData: new Uint8Array(65_536) })?.message).toMatch(
      /Correlation data is 65,536 bytes; MQTT allows at most 65,535/,
    );
    expect(check({ contentType: 'a\u0000b' })?.message).toMatch(/Content type/);
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 'v']));
    expect(check({ userProperties: many })?.message).toMatch(/at most 100 user properties/);
  });

  it('checks a topic alias against the broker’s Topic Alias Maximum', () => {
    expect(check({ topicAlias: 11 })?.message).toBe(
      'Topic alias must be a whole number from 1 to 10 (the broker’s Topic Alias Maximum).',
    );
    expect(check({ topicAlias: 0 })?.message).toMatch(/from 1 to 10/);
    expect(check({ topicAlias: 1 }, { version: 5, topicAliasMaximum: 0 })?.message).toBe(
      'Topic alias: this broker accepts no topic aliases.',
    );
    // Not connected: the broker's maximum is not known yet, only the field's own range.
    expect(check({ topicAlias: 500 }, { version: 5 })).toBeUndefined();
    expect(check({ topicAlias: 65_536 }, { version: 5 })?.message).toMatch(/from 1 to 65,535\.$/);
  });

  it('refuses a payload format indicator on a payload that is not UTF-8', () => {
    const bad = new Uint8Array([0x61, 0xff, 0x62]);
    expect(check({ payloadFormatIndicator: true }, V5, bad)).toMatchObject({
      code: 'invalid-payload',
      message: /Payload format indicator: the payload is not valid UTF-8/,
    });
    expect(check({ payloadFormatIndicator: false }, V5, bad)).toBeUndefined();
  });

  it('counts the properties in the packet size against the broker’s maximum', () => {
    // 2 + 3 (topic) + 2 (id) + 5 payload = 12; properties: 1 length byte + 3 + 2+16 correlation.
    const limits = { ...V5, maximumPacketSize: 2 + 12 + 1 + 3 + 19 };
    expect(check({ topicAlias: 1, correlationData: new Uint8Array(16) }, limits)).toBeUndefined();
    expect(check({ topicAlias: 1, correlationData: new Uint8Array(17) }, limits)?.code).toBe(
      'packet-too-large',
    );
  });
});
