// The packet guard reads a broker's byte stream ahead of mqtt.js: well-formed traffic passes in any
// chunking, and each hostile packet is named at its first bytes.
import mqttPacket from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { clientProtocolError } from '../../worker/session/error-codes';
import { connackViolation, createPacketGuard } from '../../worker/guard/packet-guard';

const MAX = 1_000_000;
const v5 = { protocolVersion: 5 } as const;
const bytes = (packet: Packet, opts = v5) => new Uint8Array(mqttPacket.generate(packet, opts));
const feedAll = (chunks: Uint8Array[], version: 4 | 5 = 5, max = MAX) => {
  const guard = createPacketGuard({ version, maxPacketBytes: max });
  let result = null;
  for (const chunk of chunks) result = guard.feed(chunk);
  return result;
};
const publish = (topic: string | Buffer, payload = 'x', qos: 0 | 1 = 1): Packet => ({
  cmd: 'publish',
  topic: topic as string,
  payload,
  qos,
  messageId: qos ? 7 : undefined,
  retain: false,
  dup: false,
});

describe('well-formed traffic passes', () => {
  const stream = Buffer.concat([
    bytes({ cmd: 'connack', returnCode: 0, reasonCode: 0, sessionPresent: false }),
    bytes(publish('deck/ünï/😀', 'p'.repeat(300))),
    bytes(publish('a', '', 0)),
    bytes({ cmd: 'pubrel', messageId: 9 }),
    bytes({ cmd: 'suback', messageId: 3, granted: [0, 1, 0x80] }),
    bytes({ cmd: 'pingresp' }),
    bytes(publish('t'.repeat(200), 'q'.repeat(20_000))),
    bytes({ cmd: 'disconnect', reasonCode: 0 }),
  ]);

  it.each([1, 2, 3, 7, 64, 1_000, stream.length])('in chunks of %i bytes', (size) => {
    const chunks = [];
    for (let i = 0; i < stream.length; i += size) chunks.push(stream.subarray(i, i + size));
    expect(feedAll(chunks)).toBeNull();
  });
});

describe('hostile packets are named', () => {
  it.each([
    ['reserved type 0', [0x00, 0x00], /reserved type 0/, 0x82],
    [
      'a CONNECT from the broker',
      [0x10, 0x00],
      /CONNECT packet, which a broker must not send/,
      0x82,
    ],
    ['QoS 3', [0x36, 0x05, 0, 1, 0x61, 0, 1], /QoS 3/, 0x81],
    ['PUBACK with flags', [0x42, 0x02, 0, 1], /PUBACK packet with reserved flag bits/, 0x81],
    ['PUBREL without its flag', [0x60, 0x02, 0, 1], /PUBREL packet with reserved flag bits/, 0x81],
    [
      'a 5-byte remaining length',
      [0x30, 0xff, 0xff, 0xff, 0xff, 0x01],
      /longer than 4 bytes/,
      0x81,
    ],
    [
      '256 MB announced',
      [0x30, 0xff, 0xff, 0xff, 0x7f],
      /PUBLISH packet of 268,435,460|268435460/,
      0x95,
    ],
    ['a topic past the end', [0x30, 0x04, 0x00, 0x09, 0x61, 0x62], /topic runs past its end/, 0x81],
    ['a PUBLISH with no room for a topic', [0x30, 0x01, 0x00], /too short/, 0x81],
    [
      'invalid UTF-8 in a topic',
      [0x30, 0x05, 0x00, 0x02, 0xc3, 0x28, 0x78],
      /not valid UTF-8/,
      0x81,
    ],
    [
      'an encoded surrogate',
      [0x30, 0x06, 0x00, 0x03, 0xed, 0xa0, 0x80, 0x78],
      /not valid UTF-8/,
      0x81,
    ],
    ['NUL in a topic', [0x30, 0x04, 0x00, 0x01, 0x00, 0x78], /U\+0000/, 0x81],
    ['a wildcard in a topic', [0x30, 0x04, 0x00, 0x01, 0x23, 0x78], /wildcard/, 0x81],
  ])('%s', (_name, packet, detail, reasonCode) => {
    const violation = feedAll([new Uint8Array(packet)]);
    expect(violation?.detail).toMatch(detail);
    expect(violation?.reasonCode).toBe(reasonCode);
  });

  it('stops a large packet at its header, whatever its version', () => {
    const header = new Uint8Array([0x30, 0x80, 0x80, 0x80, 0x01]); // 2 MiB announced
    expect(feedAll([header], 4, 1_048_576)?.reasonCode).toBe(0x95);
    expect(feedAll([header], 5, 4_194_304)).toBeNull();
  });

  it('refuses DISCONNECT, AUTH and empty topics on 3.1.1 only', () => {
    expect(feedAll([new Uint8Array([0xe0, 0x00])], 4)?.detail).toMatch(/DISCONNECT/);
    expect(feedAll([new Uint8Array([0xe0, 0x00])], 5)).toBeNull();
    const aliasOnly = new Uint8Array([0x30, 0x03, 0x00, 0x00, 0x00]);
    expect(feedAll([aliasOnly], 4)?.detail).toMatch(/empty topic/);
    expect(feedAll([aliasOnly], 5)).toBeNull();
  });

  it('finds a bad topic split across chunks, byte by byte', () => {
    const packet = [0x30, 0x08, 0x00, 0x04, 0x61, 0x62, 0xc3, 0x28, 0x00, 0x78];
    const chunks = packet.map((byte) => new Uint8Array([byte]));
    expect(feedAll(chunks)?.detail).toMatch(/not valid UTF-8/);
  });

  it('keeps reporting after the first violation', () => {
    const guard = createPacketGuard({ version: 5, maxPacketBytes: MAX });
    const first = guard.feed(new Uint8Array([0x00]));
    expect(guard.feed(bytes({ cmd: 'pingresp' }))).toBe(first);
  });
});

describe('CONNACK properties', () => {
  it.each([
    [{ receiveMaximum: 0 }, /Receive Maximum 0/],
    [{ maximumPacketSize: 0 }, /Maximum Packet Size 0/],
    [{ maximumPacketSize: 1 }, /Maximum Packet Size 1, too small/],
    [{ maximumQoS: 2 }, /Maximum QoS 2/],
  ])('refuses %j', (properties, detail) => {
    expect(connackViolation(properties)?.detail).toMatch(detail);
  });

  it.each([undefined, { receiveMaximum: 1, maximumPacketSize: 2, maximumQoS: 0 }, {}])(
    'accepts %j',
    (properties) => expect(connackViolation(properties)).toBeNull(),
  );
});

describe('errors mqtt.js reports on an open connection', () => {
  it('words parser errors and reason codes as protocol errors', () => {
    expect(
      clientProtocolError(
        new Error('Invalid header flag bits, must be 0x0 for puback packet'),
        undefined,
      )?.message,
    ).toMatch(/Protocol error: the broker sent a malformed packet \(Invalid header flag bits/);
    expect(clientProtocolError(new Error('duplicate CONNACK'), 0x82)?.message).toMatch(
      /Protocol Error \(0x82\)/,
    );
  });

  it('leaves storage, socket and local errors alone', () => {
    const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    expect(clientProtocolError(quota, undefined)).toBeUndefined();
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(clientProtocolError(refused, undefined)).toBeUndefined();
    expect(clientProtocolError(new Error('client disconnecting'), undefined)).toBeUndefined();
  });
});
