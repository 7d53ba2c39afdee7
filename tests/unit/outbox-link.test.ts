// The outbox on one mqtt.js client (a fake one here): publish order within Receive Maximum,
// packets mqtt.js replays left alone, and what each ack does to its entry.
import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { createOutboxLink, type LinkHost } from '../../worker/outbox/outbox-link';
import type { OutboxRow } from '../../worker/outbox/outbox-rules';
import type { ConnectionProfile, OutboxState, Qos } from '../../shared/protocol';

const PROFILE: ConnectionProfile = {
  id: 'c',
  url: 'ws://127.0.0.1:1/mqtt',
  clientId: 'deck-test',
  username: '',
  password: '',
  keepaliveS: 60,
  cleanStart: false,
  protocolVersion: 5,
};

class FakeClient extends EventEmitter {
  connected = false;
  published: { topic: string; qos: number; messageId: number }[] = [];
  private lastId = 100;
  publish(topic: string, _payload: string, opts: { qos: Qos }, cb: (e?: Error) => void) {
    const messageId = opts.qos === 0 ? 0 : ++this.lastId;
    this.published.push({ topic, qos: opts.qos, messageId });
    if (opts.qos === 0) cb();
    return this;
  }
  getLastMessageId() {
    return this.lastId;
  }
  connack(receiveMaximum?: number) {
    this.connected = true;
    const properties = receiveMaximum === undefined ? {} : { receiveMaximum };
    this.emit('connect', { cmd: 'connack', returnCode: 0, sessionPresent: true, properties });
  }
  ack(cmd: string, messageId: number, reasonCode?: number) {
    this.emit('packetreceive', { cmd, messageId, reasonCode });
  }
}

function setup(rows: OutboxRow[], persisted?: Set<number>, profile = PROFILE) {
  const byseq = new Map(rows.map((r) => [r.seq, r]));
  const host: LinkHost = {
    row: (seq) => byseq.get(seq),
    unfinished: () => rows.filter((r) => r.state === 'queued' || r.state === 'sent'),
    setState(seq, state, extra = {}) {
      const row = byseq.get(seq)!;
      row.state = state;
      if (extra.error) row.error = extra.error;
      if (extra.clearPacket) delete row.packetId;
    },
    markStored: () => undefined,
    closed: () => {},
  };
  const client = new FakeClient();
  const store = persisted && { has: (id: number) => persisted.has(id) };
  const link = createOutboxLink(client as unknown as MqttClient, profile, store, host);
  const states = () => rows.map((r) => r.state);
  return { client, link, states, byseq };
}

function row(seq: number, state: OutboxState, qos: Qos = 1, packetId?: number): OutboxRow {
  const r: OutboxRow = {
    seq,
    connectionId: 'c',
    topic: `t/${seq}`,
    qos,
    retain: false,
    size: 1,
    state,
    createdAt: 0,
    updatedAt: 0,
    payload: new TextEncoder().encode(`p${seq}`),
  };
  if (packetId !== undefined) r.packetId = packetId;
  return r;
}

describe('outbox link', () => {
  it('sends nothing before CONNACK, then queued entries in order within Receive Maximum', () => {
    const { client, link } = setup([row(1, 'queued'), row(2, 'queued'), row(3, 'queued')]);
    link.enqueue(4); // unknown seq: skipped
    expect(client.published).toEqual([]);
    client.connack(2);
    expect(client.published.map((p) => p.topic)).toEqual(['t/1', 't/2']);
    client.ack('puback', client.published[0]!.messageId);
    expect(client.published.map((p) => p.topic)).toEqual(['t/1', 't/2', 't/3']);
  });

  it('leaves packets the persistent store holds to mqtt.js, and learns their acks', () => {
    const rows = [row(1, 'sent', 2, 65_535), row(2, 'sent', 1, 7), row(3, 'queued')];
    const { client, states } = setup(rows, new Set([65_535]));
    // Packet 7 left the store before the reload: acknowledged, not sent again.
    expect(states()).toEqual(['sent', 'acknowledged', 'queued']);
    client.connack();
    expect(client.published.map((p) => p.topic)).toEqual(['t/3']);
    client.ack('pubrec', 65_535, 0);
    expect(states()[0]).toBe('sent');
    client.ack('pubcomp', 65_535);
    expect(states()[0]).toBe('acknowledged');
  });

  it('on a clean session sends unacknowledged entries again, in order', () => {
    const rows = [row(1, 'sent', 2, 5), row(2, 'sent', 0), row(3, 'queued')];
    const { client, states } = setup(rows, new Set([5]), { ...PROFILE, cleanStart: true });
    client.connack();
    expect(client.published.map((p) => `${p.topic}@${p.qos}`)).toEqual(['t/1@2', 't/2@0', 't/3@1']);
    // QoS 0 is done once written to the socket.
    expect(states()).toEqual(['sent', 'acknowledged', 'sent']);
  });

  it('marks a refusal failed with its reason, and a packet over the maximum size unsendable', () => {
    const big = row(2, 'queued');
    big.payload = new Uint8Array(200);
    const { client, byseq } = setup([row(1, 'queued'), big]);
    client.connected = true;
    client.emit('connect', {
      cmd: 'connack',
      returnCode: 0,
      sessionPresent: false,
      properties: { maximumPacketSize: 128 },
    });
    client.ack('puback', client.published[0]!.messageId, 0x87);
    expect(byseq.get(1)).toMatchObject({ state: 'failed', error: { code: 'not-authorized' } });
    expect(byseq.get(2)).toMatchObject({ state: 'failed', error: { code: 'packet-too-large' } });
    expect(client.published.map((p) => p.topic)).toEqual(['t/1']);
  });
});
