// MQTT return and reason codes become our codes and sentences a person understands.
import { describe, expect, it } from 'vitest';
import {
  connackError,
  disconnectError,
  publishRefusal,
  reasonName,
  subscriptionRefusal,
  unreachableError,
} from '../../worker/session/error-codes';
import { brokerUrlError, profileError } from '../../shared/profiles/profile-validation';
import type { ConnectionProfile } from '../../shared/protocol';

describe('connackError', () => {
  it.each([
    [1, 'protocol-error', /does not accept this MQTT version/],
    [2, 'client-id-rejected', /client ID/],
    [3, 'server-unavailable', /unavailable/],
    [4, 'bad-credentials', /not authorized: wrong username or password/i],
    [5, 'not-authorized', /not authorized/i],
  ])('maps MQTT 3.1.1 return code %i', (code, expected, message) => {
    const error = connackError(code, 4);
    expect(error.code).toBe(expected);
    expect(error.message).toMatch(message);
  });

  it.each([
    [0x80, 'unknown', /Unspecified error/],
    [0x81, 'protocol-error', /Malformed Packet/],
    [0x82, 'protocol-error', /Protocol Error/],
    [0x84, 'protocol-error', /MQTT version/],
    [0x85, 'client-id-rejected', /Client Identifier not valid/],
    [0x86, 'bad-credentials', /not authorized.*Bad User Name or Password/i],
    [0x87, 'not-authorized', /not authorized/i],
    [0x88, 'server-unavailable', /Server unavailable/],
    [0x89, 'server-unavailable', /Server busy/],
    [0x8a, 'not-authorized', /Banned/],
    [0x8c, 'not-authorized', /Bad authentication method/],
    [0x95, 'packet-too-large', /Packet too large/],
    [0x9f, 'server-unavailable', /Connection rate exceeded/],
    [0xfe, 'unknown', /0xFE/],
  ])('maps MQTT 5 reason code %i', (code, expected, message) => {
    const error = connackError(code, 5);
    expect(error.code).toBe(expected);
    expect(error.message).toMatch(message);
  });

  it('suggests the other MQTT version when the broker refuses this one', () => {
    expect(connackError(1, 4).message).toMatch(/Try MQTT 5\.0/);
    expect(connackError(1, 5).message).toMatch(/Try MQTT 3\.1\.1/);
    expect(connackError(0x84, 5).message).toMatch(/Try MQTT 3\.1\.1/);
  });
});

describe('refusals after connecting', () => {
  it('names reason codes in the words of the specification', () => {
    expect(reasonName(0x97)).toBe('Quota exceeded (0x97)');
    expect(reasonName(0x03)).toBe('reason code 0x03');
  });

  it('words subscription refusals per version', () => {
    expect(subscriptionRefusal(0x80, 4)).toBe('The broker refused this subscription.');
    expect(subscriptionRefusal(0x87, 5)).toMatch(/not authorized/i);
    expect(subscriptionRefusal(0xa2, 5)).toMatch(/Wildcard Subscriptions not supported/);
  });

  it('maps publish and disconnect reason codes', () => {
    expect(publishRefusal(0x87).code).toBe('not-authorized');
    expect(publishRefusal(0x95).code).toBe('packet-too-large');
    expect(publishRefusal(0x97)).toMatchObject({ code: 'refused', message: /Quota exceeded/ });
    expect(disconnectError(0x8e).message).toMatch(/same client ID/);
    expect(disconnectError(0x8b)).toMatchObject({ code: 'unreachable', message: /shutting down/ });
  });

  it('says where an unreachable broker was looked for', () => {
    expect(unreachableError('ws://h:1/mqtt').message).toContain('ws://h:1/mqtt');
  });
});

describe('profile validation', () => {
  const base: ConnectionProfile = {
    id: 'c',
    url: 'ws://127.0.0.1:9001/mqtt',
    clientId: 'deck',
    username: '',
    password: '',
    keepaliveS: 60,
    cleanStart: true,
    protocolVersion: 4,
  };

  it.each([
    'ws://localhost:9001/mqtt',
    'wss://broker.example.com/mqtt',
    'ws://[::1]:8080',
    'WS://h/',
  ])('accepts %s', (url) => expect(brokerUrlError(url)).toBeNull());

  it.each(['mqtt://host', 'http://host', 'https://host/mqtt', 'foo', '', 'ws://', 'tcp://h:1883'])(
    'rejects %j with a reason',
    (url) => expect(brokerUrlError(url)).toMatch(/\w{3,}/),
  );

  it('checks keepalive, version and a client ID for kept sessions', () => {
    expect(profileError(base)).toBeNull();
    expect(profileError({ ...base, url: 'http://h' })?.code).toBe('bad-url');
    expect(profileError({ ...base, keepaliveS: -1 })?.message).toMatch(/Keepalive/);
    expect(profileError({ ...base, keepaliveS: 1.5 })?.message).toMatch(/Keepalive/);
    expect(profileError({ ...base, protocolVersion: 3 as 4 })?.message).toMatch(/3\.1\.1 or 5\.0/);
    expect(profileError({ ...base, clientId: '', cleanStart: false })?.code).toBe(
      'client-id-rejected',
    );
    expect(profileError({ ...base, clientId: '', cleanStart: true })).toBeNull();
    expect(profileError({ ...base, password: 'secret' })).toMatchObject({
      code: 'bad-credentials',
      message: /username/,
    });
    expect(profileError({ ...base, username: 'u', password: 'secret' })).toBeNull();
  });
});

describe('brokerUrlError', () => {
  it.each(['ws://127.0.0.1:9001/mqtt', 'wss://broker.example.com:8884/mqtt', ' wss://h/ '])(
    'accepts %s',
    (url) => expect(brokerUrlError(url)).toBeNull(),
  );

  it.each([
    ['mqtt://host', /ws:\/\/ or wss:\/\//],
    ['http://host', /not http:\/\//],
    ['foo', /not a URL/],
    ['', /Enter the broker URL/],
    ['wss://', /not a URL|no host/],
  ])('refuses %j with a reason', (url, reason) => {
    expect(brokerUrlError(url)).toMatch(reason);
  });
});
