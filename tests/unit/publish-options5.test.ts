// The publish form's MQTT 5 options as typed → PublishOptions, or a message in words per field;
// and the subscribe options' identifier and words.
import { describe, expect, test } from 'vitest';
import type { StatusEvent } from '../../shared/protocol';
import { parseHex, publishOptions5, type Publish5Form } from '../../src/mqtt5/publish-options';
import { parseSubscriptionId, subscribeOptionsText } from '../../src/mqtt5/subscribe-options';

const BLANK: Publish5Form = {
  contentType: '',
  utf8: false,
  expiryS: '',
  responseTopic: '',
  correlation: '',
  correlationHex: false,
  userProperties: [],
  topicAlias: '',
};
const BASE = { qos: 1, retain: false } as const;
const DISCONNECTED: StatusEvent = { type: 'status', state: 'disconnected', at: 0 };
const connected = (topicAliasMaximum?: number): StatusEvent => ({
  type: 'status',
  state: 'connected',
  at: 0,
  broker: topicAliasMaximum === undefined ? {} : { topicAliasMaximum },
});
const build = (form: Partial<Publish5Form>, status = DISCONNECTED) =>
  publishOptions5({ ...BLANK, ...form }, BASE, status);

describe('publish options from the MQTT 5 form', () => {
  test('an untouched form adds nothing', () => {
    expect(build({})).toEqual({ options: BASE, errors: {}, summary: '' });
  });

  test('every field typed becomes its option; repeated names become a list', () => {
    const built = build({
      contentType: 'application/json',
      utf8: true,
      expiryS: ' 60 ',
      responseTopic: 'a/reply',
      correlation: 'de AD 01',
      correlationHex: true,
      userProperties: [
        { name: 'k', value: '1' },
        { name: 'k', value: '2' },
        { name: 'u', value: '' },
      ],
      topicAlias: '2',
    });
    expect(built.errors).toEqual({});
    expect(built.options).toEqual({
      ...BASE,
      contentType: 'application/json',
      payloadFormatIndicator: true,
      messageExpiryIntervalS: 60,
      responseTopic: 'a/reply',
      correlationData: Uint8Array.from([0xde, 0xad, 0x01]),
      userProperties: { k: ['1', '2'], u: '' },
      topicAlias: 2,
    });
    expect(build({ correlation: 'req-1' }).options?.correlationData).toEqual(
      new TextEncoder().encode('req-1'),
    );
  });

  test('each bad field has its message and nothing is built', () => {
    const built = build({
      correlation: 'zz',
      correlationHex: true,
      topicAlias: '0',
      expiryS: '-5',
      responseTopic: 'a/#',
      userProperties: [{ name: '', value: 'x' }],
    });
    expect(built.options).toBeUndefined();
    expect(built.errors.correlation).toMatch(/"z" is not a hex digit/);
    expect(built.errors.topicAlias).toMatch(/Topic alias must be a whole number from 1/);
    expect(built.errors.expiryS).toMatch(/Message expiry must be .* from 0 to/);
    expect(built.errors.responseTopic).toMatch(/^Response topic: .*wildcards/);
    expect(built.errors['userProperties.0']).toBe('A user property needs a name.');
    expect(built.summary).toBe('Not sent: 5 MQTT 5 options need fixing (marked above).');
    expect(build({ expiryS: '1.5' }).errors.expiryS).toMatch(/whole number/);
    expect(build({ topicAlias: 'two' }).errors.topicAlias).toMatch(/whole number/);
  });

  test("the broker's Topic Alias Maximum bounds the alias once connected", () => {
    expect(build({ topicAlias: '11' }, connected(10)).errors.topicAlias).toMatch(/1 to 10/);
    expect(build({ topicAlias: '10' }, connected(10)).options?.topicAlias).toBe(10);
    expect(build({ topicAlias: '1' }, connected()).errors.topicAlias).toMatch(/no topic aliases/);
  });

  test('hex takes pairs with spaces anywhere, and says what is wrong', () => {
    expect(parseHex('0a 0B0c')).toEqual(Uint8Array.from([10, 11, 12]));
    expect(parseHex('abc')).toMatch(/two digits per byte; 3 digits/);
    expect(parseHex('0x01')).toMatch(/"x" is not a hex digit/);
  });
});

describe('subscribe options', () => {
  test('the identifier is a whole number from 1 to 268,435,455, blank for none', () => {
    expect(parseSubscriptionId('')).toBeUndefined();
    expect(parseSubscriptionId(' 7 ')).toBe(7);
    expect(parseSubscriptionId('268435455')).toBe(268_435_455);
    for (const bad of ['0', '-1', '268435456', '1.5', 'x']) {
      expect(parseSubscriptionId(bad)).toMatch(/from 1 to 268,435,455/);
    }
  });

  test('the list says the options in words', () => {
    expect(subscribeOptionsText({})).toBe('');
    expect(
      subscribeOptionsText({
        noLocal: true,
        retainAsPublished: true,
        retainHandling: 1,
        subscriptionIdentifier: 4,
      }),
    ).toBe('no local · retain as published · retained only when new · identifier 4');
    expect(subscribeOptionsText({ retainHandling: 2 })).toBe('no retained');
  });
});
