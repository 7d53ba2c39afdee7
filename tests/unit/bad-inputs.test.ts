// Scenario 9's table against the validators themselves: every bad input gets its specific error,
// and the near misses beside them (the largest packet that fits, odd but valid topics) pass.
import { describe, expect, it } from 'vitest';
import { validateTopicFilter } from '../../shared/mqtt/topics';
import { profileError } from '../../shared/profiles/profile-validation';
import type { ConnectionProfile, DeckError, PublishOptions } from '../../shared/protocol';
import { payloadTextError, publishError, qosError } from '../../shared/mqtt/publish-validation';
import { BAD_INPUTS, BROKER_MAX_PACKET_SIZE } from '../fixtures/data/bad-input-table';
import type { BadInput } from '../fixtures/data/bad-input-table';

const BASE: ConnectionProfile = {
  id: 'bad-inputs',
  url: 'ws://127.0.0.1:1883/mqtt',
  clientId: 'deck-bad-inputs',
  username: '',
  password: '',
  keepaliveS: 60,
  cleanStart: true,
  protocolVersion: 5,
};
const utf8 = new TextEncoder();

function errorOf(row: BadInput): DeckError | null | undefined {
  switch (row.kind) {
    case 'publish':
      return publishError(row.topic, utf8.encode(row.payload), row.options as PublishOptions, {
        version: row.version,
        maximumPacketSize: BROKER_MAX_PACKET_SIZE,
      });
    case 'subscribe': {
      const message = validateTopicFilter(row.filter);
      if (message !== null) return { code: 'invalid-topic', message };
      const badQos = qosError(row.qos ?? 1);
      return badQos === null ? null : { code: 'invalid-option', message: badQos };
    }
    case 'profile':
      return profileError({ ...BASE, ...row.profile } as ConnectionProfile);
  }
}

describe('the bad-input table', () => {
  it('holds at least 200 rows with distinct names', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(BAD_INPUTS.map((row) => row.name)).size).toBe(BAD_INPUTS.length);
  });

  it.each(BAD_INPUTS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const error = errorOf(row);
    expect(error, 'refused').toBeTruthy();
    expect(error?.code).toBe(row.expected.code);
    expect(error?.message).toMatch(row.expected.message);
  });
});

describe('near misses that must pass', () => {
  const fits = (topic: string, payload: number, options: PublishOptions, version: 4 | 5 = 5) =>
    publishError(topic, new Uint8Array(payload), options, {
      version,
      maximumPacketSize: BROKER_MAX_PACKET_SIZE,
    });

  it('accepts the largest PUBLISH the broker takes, to the byte', () => {
    // 1 + 2 + 2 + 9 + 2 (packet id) + 1 (no properties) + 1,007 = 1,024.
    expect(fits('deck/size', 1_007, { qos: 2, retain: false })).toBeUndefined();
    expect(fits('deck/size', 1_008, { qos: 2, retain: false })?.code).toBe('packet-too-large');
  });

  it.each(['a b', '😀/𝄞', 'a//b', '/', '$app/x', 'astral \u{2A6D4}', 'tab-less\u00a0nbsp'])(
    'accepts the odd but valid topic %j',
    (topic) => expect(fits(topic, 1, { qos: 1, retain: false })).toBeUndefined(),
  );

  it('accepts user properties within the limits on MQTT 5', () => {
    const userProperties = { k: ['a', 'b'], ключ: 'значение 😀' };
    expect(fits('deck/props', 10, { qos: 1, retain: false, userProperties })).toBeUndefined();
  });

  it('refuses a QoS above the broker maximum and retain where the broker has none', () => {
    const limits = { version: 5, maximumQos: 1, retainAvailable: false } as const;
    const qos2 = publishError('a', new Uint8Array(1), { qos: 2, retain: false }, limits);
    expect(qos2?.message).toMatch(/QoS up to 1.*QoS 2/);
    const retained = publishError('a', new Uint8Array(1), { qos: 0, retain: true }, limits);
    expect(retained?.message).toMatch(/retained/);
  });

  it('accepts valid profiles, URLs and surrogate pairs', () => {
    expect(profileError({ ...BASE, clientId: 'deck-😀', username: 'ü', password: '𝄞' })).toBeNull();
    expect(profileError({ ...BASE, url: 'wss://broker.example:8884/mqtt?x=1' })).toBeNull();
    expect(profileError({ ...BASE, sessionExpiryS: 4_294_967_295 })).toBeNull();
  });

  it('tells a lone surrogate in a text payload from a pair', () => {
    expect(payloadTextError('ok 😀')).toBeNull();
    expect(payloadTextError('bad \uD83D end')).toMatch(/lone surrogate/);
    expect(payloadTextError('\uDE00')).toMatch(/lone surrogate/);
  });
});
