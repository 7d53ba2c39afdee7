// The outbox's MQTT 5 side on one client (a fake mqtt.js client, as in outbox-link.test.ts): every
// property sent, a topic alias used only on the connection that registered it, message expiry
// reduced by the wait, and PUBACK/PUBREC reason codes and strings on the entry.
import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { createOutboxLink, type LinkHost } from '../../worker/outbox/outbox-link';
import { newRow, toEntry, type OutboxRow } from '../../worker/outbox/outbox-rules';
import type { ConnectionProfile, DeckError, PublishOptions } from '../../shared/protocol';

const PROFILE: ConnectionProfile = {
  id: 'c',
  url: 'ws://127.0.0.1:1/mqtt',
  clientId: 'deck-test',
  username: '',
  password: '',
  keepaliveS: 60,
  cleanStart: true,
  protocolVersion: 5,
};

interface Sent {
  topic: string;
  messageId: number;
  properties: Record<string, unknown>;
}

class FakeClient extends EventEmitter {
  connected = false;
  sent: Sent[] = [];
  private lastId = 0;
  publish(topic: string, _p: string, opts: { qos: number; properties: Record<string, unknown> }) {
    this.sent.push({ topic, messageId: ++this.lastId, properties: opts.properties });
    return this;
  }
  getLastMessageId() {
    return this.lastId;
  }
  connack(properties: Record<string, unknown>) {
    this.connected = true;
    this.emit('connect', { cmd: 'connack', returnCode: 0, sessionPresent: false, properties });
  }
}

function outbox(options: Partial<PublishOptions>[], createdAt = Date.now()) {
  const rows = new Map<number, OutboxRow>();
  options.forEach((o, i) => {
    const row = newRow(
      i + 1,
      'c',
      'deck/t',
      new TextEncoder().encode('x'),
      { qos: 1, retain: false, ...o },
      createdAt,
    );
    rows.set(row.seq, row);
  });
  const host: LinkHost = {
    row: (seq) => rows.get(seq),
    unfinished: () => [...rows.values()].filter((r) => r.state === 'queued' || r.state === 'sent'),
    setState(seq, state, extra: { error?: DeckError; reason?: string } = {}) {
      const row = rows.get(seq)!;
      row.state = state;
      if (extra.error) row.error = extra.error;
      if (extra.reason) row.reason = extra.reason;
    },
    markStored: () => undefined,
    closed: () => {},
  };
  const connect = (connack: Record<string, unknown> = { topicAliasMaximum: 5 }) => {
    const client = new FakeClient();
    createOutboxLink(client as unknown as MqttClient, PROFILE, undefined, host);
    client.connack(connack);
    return client;
  };
  return { rows, connect, entry: (seq: number) => toEntry(rows.get(seq)!) };
}

describe('the outbox on an MQTT 5 connection', () => {
  it('sends every property, the topic once per alias, and the full topic after a reconnect', () => {
    const data = new Uint8Array([1, 2]);
    const { connect } = outbox([
      {
        topicAlias: 1,
        contentType: 'text/plain',
        payloadFormatIndicator: true,
        responseTopic: 'r',
        correlationData: data,
        userProperties: { k: 'v' },
      },
      { topicAlias: 1 },
      { topicAlias: 1 },
    ]);
    const first = connect();
    expect(first.sent.map((s) => [s.topic, s.properties.topicAlias])).toEqual([
      ['deck/t', 1],
      ['', 1],
      ['', 1],
    ]);
    expect(first.sent[0]!.properties).toEqual({
      topicAlias: 1,
      contentType: 'text/plain',
      payloadFormatIndicator: true,
      responseTopic: 'r',
      correlationData: data,
      userProperties: { k: 'v' },
    });
    first.connected = false;
    first.emit('close');
    // No PUBACK came: a new connection sends them again, with their full topic and no alias.
    const again = connect();
    expect(again.sent.map((s) => [s.topic, s.properties.topicAlias])).toEqual([
      ['deck/t', undefined],
      ['deck/t', undefined],
      ['deck/t', undefined],
    ]);
  });

  it('sends an alias the broker does not take with its full topic only', () => {
    const { connect } = outbox([{ topicAlias: 3 }]);
    const client = connect({ topicAliasMaximum: 2 });
    expect(client.sent.map((s) => [s.topic, s.properties.topicAlias])).toEqual([
      ['deck/t', undefined],
    ]);
  });

  it('takes the time spent in the outbox off the message expiry, and drops an expired one', () => {
    const { connect, entry } = outbox(
      [{ messageExpiryIntervalS: 60 }, { messageExpiryIntervalS: 5 }],
      Date.now() - 10_500,
    );
    const client = connect();
    expect(client.sent.map((s) => s.properties.messageExpiryInterval)).toEqual([50]);
    expect(entry(2)).toMatchObject({
      state: 'failed',
      error: { code: 'refused', message: /message expiry \(5 s\) passed/ },
    });
  });

  it('shows PUBACK and PUBREC reason codes in words on the entry', () => {
    const { connect, entry } = outbox([{}, {}, {}, { qos: 2 }]);
    const client = connect();
    const ack = (cmd: string, messageId: number, reasonCode?: number, reasonString?: string) =>
      client.emit('packetreceive', {
        cmd,
        messageId,
        reasonCode,
        ...(reasonString ? { properties: { reasonString } } : {}),
      });
    ack('puback', 1, 0x10);
    ack('puback', 2, 0x87, 'denied by acl');
    ack('puback', 3, 0);
    ack('pubrec', 4, 0x10, 'nobody listens');
    expect(entry(4).state).toBe('sent');
    ack('pubcomp', 4, 0);
    expect(entry(1)).toMatchObject({
      state: 'acknowledged',
      reason: 'No matching subscribers (0x10).',
    });
    expect(entry(2)).toMatchObject({
      state: 'failed',
      error: {
        code: 'not-authorized',
        message:
          'Not authorized to publish to this topic: Not authorized (0x87). The broker said: “denied by acl”',
      },
    });
    expect(entry(3)).toMatchObject({ state: 'acknowledged' });
    expect(entry(3).reason).toBeUndefined();
    expect(entry(4)).toMatchObject({
      state: 'acknowledged',
      reason: 'No matching subscribers (0x10). The broker said: “nobody listens”',
    });
  });

  it('fails an entry in words when mqtt.js throws instead of sending it', () => {
    const { connect, entry } = outbox([{}]);
    const publish = FakeClient.prototype.publish;
    FakeClient.prototype.publish = () => {
      throw new ReferenceError('Buffer is not defined');
    };
    try {
      connect();
    } finally {
      FakeClient.prototype.publish = publish;
    }
    expect(entry(1)).toMatchObject({
      state: 'failed',
      error: {
        code: 'unknown',
        message: /could not send it \(ReferenceError: Buffer is not defined\)/,
      },
    });
  });
});
