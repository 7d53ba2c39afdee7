// Every message profileError gives for the issue-7 fields: will, connect properties, user
// properties, fallback URLs and the reconnect policy.
import { describe, expect, it } from 'vitest';
import { profileError } from '../../shared/profiles/profile-validation';
import type { ConnectionProfile, WillMessage } from '../../shared/protocol';

function profile(extra: Partial<ConnectionProfile> = {}): ConnectionProfile {
  return {
    id: 'p',
    url: 'ws://127.0.0.1:9001/mqtt',
    clientId: 'deck',
    username: '',
    password: '',
    keepaliveS: 30,
    cleanStart: true,
    protocolVersion: 5,
    ...extra,
  };
}

const will = (extra: Partial<WillMessage> = {}): WillMessage => ({
  topic: 'deck/will',
  payload: 'gone',
  qos: 0,
  retain: false,
  ...extra,
});

const reconnect = { enabled: true, initialDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 0 };
const manyPairs = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 'v']));

const cases: [string, Partial<ConnectionProfile>, string, RegExp][] = [
  [
    'an empty will topic',
    { will: will({ topic: '' }) },
    'invalid-option',
    /^Enter the last will topic\.$/,
  ],
  [
    'a will topic with a wildcard',
    { will: will({ topic: 'a/#' }) },
    'invalid-option',
    /^Last will topic: .*#/,
  ],
  [
    'a will QoS of 3',
    { will: will({ qos: 3 as 0 }) },
    'invalid-option',
    /^Last will QoS must be 0, 1 or 2\.$/,
  ],
  [
    'a will payload with a lone surrogate',
    { will: will({ payload: 'a\uD800' }) },
    'invalid-option',
    /last will payload contains a lone surrogate/,
  ],
  [
    'a will payload over 64 KiB',
    { will: will({ payload: 'x'.repeat(70_000) }) },
    'invalid-option',
    /last will payload is 70,000 bytes long; MQTT allows at most 65,535/,
  ],
  [
    'a will delay below 0',
    { will: will({ delayIntervalS: -1 }) },
    'invalid-option',
    /^Will delay \(s\) must be a whole number from 0 to 4,294,967,295\.$/,
  ],
  [
    'a fractional will expiry',
    { will: will({ messageExpiryIntervalS: 1.5 }) },
    'invalid-option',
    /^Will expiry \(s\) must be a whole number/,
  ],
  [
    'a will content type with NUL',
    { will: will({ contentType: 'a\u0000' }) },
    'invalid-option',
    /will content type contains a NUL character/,
  ],
  [
    'a will response topic with +',
    { will: will({ responseTopic: 'a/+' }) },
    'invalid-option',
    /^Will response topic: /,
  ],
  [
    'will correlation data over 64 KiB',
    { will: will({ correlationData: 'é'.repeat(40_000) }) },
    'invalid-option',
    /will correlation data is 80,000 bytes long/,
  ],
  [
    'more than 100 will user properties',
    { will: will({ userProperties: manyPairs }) },
    'invalid-option',
    /^Will user properties has more than 100 pairs/,
  ],
  [
    'a user property name with a control character',
    { will: will({ userProperties: { 'a\u0001': 'v' } }) },
    'invalid-option',
    /^Will user properties: the name .* control character U\+0001/,
  ],
  [
    'a 3.1.1 will with a will delay',
    { protocolVersion: 4, will: will({ delayIntervalS: 5 }) },
    'invalid-option',
    /^The will delay is an MQTT 5 property; choose MQTT 5\.0 or clear it\.$/,
  ],
  [
    'a 3.1.1 profile with connect properties',
    { protocolVersion: 4, connectProperties: { receiveMaximum: 10 } },
    'invalid-option',
    /^Connect property receiveMaximum is an MQTT 5 property/,
  ],
  [
    'a receive maximum of 0',
    { connectProperties: { receiveMaximum: 0 } },
    'invalid-option',
    /^Receive maximum must be a whole number from 1 to 65,535\.$/,
  ],
  [
    'a maximum packet size over the app limit',
    { connectProperties: { maximumPacketSize: 20_000_000 } },
    'invalid-option',
    /^Maximum packet size must be a whole number from 1 to 16,777,216\. This app never accepts packets over 16 MiB\.$/,
  ],
  [
    'a topic alias maximum over 65,535',
    { connectProperties: { topicAliasMaximum: 70_000 } },
    'invalid-option',
    /^Topic alias maximum must be a whole number from 0 to 65,535\.$/,
  ],
  [
    'connect user property values that are not text',
    { connectProperties: { userProperties: { a: 1 as unknown as string } } },
    'invalid-option',
    /^Connect user properties: the value of "a" must be text\.$/,
  ],
  [
    'a fallback URL with the wrong scheme',
    { fallbackUrls: ['ws://a/mqtt', 'tcp://b:1883'] },
    'bad-url',
    /^Fallback URL 2: .*use ws:\/\/ or wss:\/\//,
  ],
  [
    '17 fallback URLs',
    { fallbackUrls: Array.from({ length: 17 }, (_, i) => `ws://h${i}/mqtt`) },
    'bad-url',
    /^At most 16 fallback URLs; this profile has 17\.$/,
  ],
  [
    'a first retry delay below 100 ms',
    { reconnect: { ...reconnect, initialDelayMs: 10 } },
    'invalid-option',
    /^First retry delay \(ms\) must be a whole number from 100 to 3,600,000\.$/,
  ],
  [
    'a longest delay below the first',
    { reconnect: { ...reconnect, maxDelayMs: 500 } },
    'invalid-option',
    /^Longest retry delay \(ms\) must be a whole number from 1,000 to 3,600,000\.$/,
  ],
  [
    'a negative attempt limit',
    { reconnect: { ...reconnect, maxAttempts: -1 } },
    'invalid-option',
    /^Attempts before giving up \(0 = never\) must be a whole number from 0 to 10,000\.$/,
  ],
];

describe('profileError: issue 7 fields', () => {
  it.each(cases)('refuses %s', (_what, extra, code, message) => {
    const error = profileError(profile(extra));
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(message);
  });

  it('accepts a full 5.0 profile and a 3.1.1 profile with a plain will', () => {
    const full = profile({
      fallbackUrls: ['wss://b.example/mqtt'],
      reconnect,
      will: will({
        delayIntervalS: 5,
        messageExpiryIntervalS: 60,
        contentType: 'text/plain',
        payloadFormatIndicator: true,
        responseTopic: 'r/t',
        correlationData: 'c',
        userProperties: { a: ['1', '2'] },
      }),
      connectProperties: {
        receiveMaximum: 65_535,
        maximumPacketSize: 16_777_216,
        topicAliasMaximum: 0,
        requestProblemInformation: true,
      },
    });
    expect(profileError(full)).toBeNull();
    expect(
      profileError(profile({ protocolVersion: 4, will: will(), connectProperties: {} })),
    ).toBeNull();
  });
});
