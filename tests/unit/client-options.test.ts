// clientOptions is pure: a profile's will and MQTT 5 connect properties as mqtt.js options, and
// the broker limits read from a CONNACK.
import { describe, expect, it } from 'vitest';
import { assignedClientId, brokerLimitsOf } from '../../worker/session/broker-limits';
import { clientOptions } from '../../worker/session/mqtt-client';
import { MAX_INCOMING_PACKET_BYTES } from '../../shared/mqtt/packet-limits';
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

const will: WillMessage = {
  topic: 'deck/status',
  payload: 'offline',
  qos: 1,
  retain: true,
  delayIntervalS: 10,
  messageExpiryIntervalS: 3600,
  contentType: 'text/plain',
  payloadFormatIndicator: true,
  responseTopic: 'deck/replies',
  correlationData: 'é1',
  userProperties: { site: 'north', tag: ['a', 'b'] },
};

describe('clientOptions', () => {
  it('maps a 5.0 will with all its properties, correlation data as UTF-8 bytes', () => {
    const options = clientOptions(profile({ will }), 10_000);
    expect(options.will).toMatchObject({
      topic: 'deck/status',
      payload: 'offline',
      qos: 1,
      retain: true,
      properties: {
        willDelayInterval: 10,
        messageExpiryInterval: 3600,
        contentType: 'text/plain',
        payloadFormatIndicator: true,
        responseTopic: 'deck/replies',
        userProperties: { site: 'north', tag: ['a', 'b'] },
      },
    });
    // Written by mqtt-packet as UTF-8 (its bytes on the wire: mqtt-session-policy.test.ts).
    expect(options.will?.properties?.correlationData).toBe('é1');
  });

  it('sends a 3.1.1 will without properties', () => {
    const plain = { topic: 't', payload: 'p', qos: 0 as const, retain: false };
    const options = clientOptions(profile({ protocolVersion: 4, will: plain }), 10_000);
    expect(options.will).toEqual(plain);
    expect(options.properties).toBeUndefined();
  });

  it('maps connect properties, and announces the app limit when none is set', () => {
    expect(clientOptions(profile(), 10_000).properties).toEqual({
      maximumPacketSize: MAX_INCOMING_PACKET_BYTES,
    });
    const options = clientOptions(
      profile({
        cleanStart: false,
        sessionExpiryS: 60,
        connectProperties: {
          receiveMaximum: 5,
          maximumPacketSize: 2048,
          topicAliasMaximum: 8,
          requestResponseInformation: true,
          requestProblemInformation: false,
          userProperties: { app: 'deck' },
        },
      }),
      10_000,
    );
    expect(options.properties).toEqual({
      sessionExpiryInterval: 60,
      receiveMaximum: 5,
      maximumPacketSize: 2048,
      topicAliasMaximum: 8,
      requestResponseInformation: true,
      requestProblemInformation: false,
      userProperties: { app: 'deck' },
    });
  });

  it('never announces a Maximum Packet Size above what the app accepts', () => {
    const big = profile({
      connectProperties: { maximumPacketSize: MAX_INCOMING_PACKET_BYTES * 4 },
    });
    expect(clientOptions(big, 10_000).properties?.maximumPacketSize).toBe(
      MAX_INCOMING_PACKET_BYTES,
    );
  });
});

describe('brokerLimitsOf', () => {
  it('reads the CONNACK properties and bounds the broker strings', () => {
    const limits = brokerLimitsOf({
      cmd: 'connack',
      sessionPresent: false,
      properties: {
        serverKeepAlive: 15,
        maximumQoS: 1,
        sharedSubscriptionAvailable: false,
        responseInformation: 'r'.repeat(10_000),
        userProperties: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])),
      },
    });
    expect(limits).toMatchObject({ serverKeepAliveS: 15, maximumQoS: 1 });
    expect(limits?.sharedSubscriptionAvailable).toBe(false);
    expect(limits?.responseInformation?.length).toBe(1_025);
    expect(Object.keys(limits?.userProperties ?? {})).toHaveLength(32);
  });

  it('is absent for a CONNACK without properties, and reads the assigned client id', () => {
    expect(brokerLimitsOf({ cmd: 'connack', sessionPresent: false })).toBeUndefined();
    const packet = {
      cmd: 'connack' as const,
      sessionPresent: false,
      properties: { assignedClientIdentifier: 'auto-1' },
    };
    expect(assignedClientId(packet)).toBe('auto-1');
    expect(assignedClientId({ cmd: 'connack', sessionPresent: false })).toBeUndefined();
  });
});
