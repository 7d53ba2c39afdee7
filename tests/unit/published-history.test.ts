// The user's publishes reach history once per outbox entry: when first handed to mqtt.js, not on
// a clean session's resend nor a persistent session's replay, flagged published, with the MQTT 5
// user properties that were sent.
import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { createOutboxLink, type LinkHost } from '../../worker/outbox/outbox-link';
import type { OutboxRow } from '../../worker/outbox/outbox-rules';
import type { ConnectionProfile, OutboxState, StoredMessage } from '../../shared/protocol';
import { createPublishedRecorder, publishedMessage } from '../../worker/outbox/published-history';

const PROFILE: ConnectionProfile = {
  id: 'profile-1',
  url: 'ws://127.0.0.1:1/mqtt',
  clientId: 'deck-test',
  username: '',
  password: '',
  keepaliveS: 60,
  cleanStart: true,
  protocolVersion: 5,
};

class FakeClient extends EventEmitter {
  connected = false;
  sent: string[] = [];
  private lastId = 0;
  publish(topic: string, _payload: string, _opts: object, _cb: (e?: Error) => void) {
    this.sent.push(topic);
    this.lastId += 1;
    return this;
  }
  getLastMessageId() {
    return this.lastId;
  }
  connack() {
    this.connected = true;
    this.emit('connect', { cmd: 'connack', returnCode: 0, sessionPresent: true, properties: {} });
  }
}

function row(seq: number, state: OutboxState, packetId?: number): OutboxRow {
  const r: OutboxRow = {
    seq,
    connectionId: 'profile-1',
    topic: `t/${seq}`,
    qos: 1,
    retain: seq === 2,
    size: 2,
    state,
    createdAt: 0,
    updatedAt: 0,
    payload: new TextEncoder().encode(`p${seq}`),
    userProperties: { k: `v${seq}` },
  };
  if (packetId !== undefined) r.packetId = packetId;
  return r;
}

/** One outbox's rows on successive clients, recording into `history` like index.ts does. */
function outboxOn(rows: OutboxRow[]) {
  const history: StoredMessage[] = [];
  let id = 100;
  const record = createPublishedRecorder({
    nextId: () => ++id,
    append: (m) => void history.push(m),
    now: () => 5_000,
  });
  const byseq = new Map(rows.map((r) => [r.seq, r]));
  const host: LinkHost = {
    row: (seq) => byseq.get(seq),
    unfinished: () => rows.filter((r) => r.state === 'queued' || r.state === 'sent'),
    setState: (seq, state) => void (byseq.get(seq)!.state = state),
    markStored: () => undefined,
    closed: () => {},
    handedOver: record,
  };
  const connect = (profile: ConnectionProfile, persisted?: Set<number>) => {
    const client = new FakeClient();
    const store = persisted && { has: (packetId: number) => persisted.has(packetId) };
    const link = createOutboxLink(client as unknown as MqttClient, profile, store, host);
    client.connack();
    return { client, link };
  };
  return { history, connect };
}

describe('published messages in history', () => {
  it('records each entry when first handed to mqtt.js, not on a clean-session resend', () => {
    const { history, connect } = outboxOn([row(1, 'queued'), row(2, 'queued')]);
    const first = connect(PROFILE);
    expect(first.client.sent).toEqual(['t/1', 't/2']);
    expect(history).toEqual([
      {
        id: 101,
        connectionId: 'profile-1',
        topic: 't/1',
        qos: 1,
        retain: false,
        time: 5_000,
        size: 2,
        payload: new TextEncoder().encode('p1'),
        published: true,
        properties: { userProperties: { k: 'v1' } },
      },
      expect.objectContaining({ id: 102, topic: 't/2', retain: true, published: true }),
    ]);
    first.client.emit('close');
    // No ack came: a clean session sends both again, and history gets nothing more.
    const again = connect(PROFILE);
    expect(again.client.sent).toEqual(['t/1', 't/2']);
    expect(history).toHaveLength(2);
  });

  it('records nothing for a persistent session replay', () => {
    const persistent = { ...PROFILE, cleanStart: false };
    const { history, connect } = outboxOn([row(1, 'sent', 7), row(2, 'queued')]);
    const { client } = connect(persistent, new Set([7]));
    expect(client.sent).toEqual(['t/2']); // seq 1 is mqtt.js's to replay
    expect(history.map((m) => [m.topic, m.published])).toEqual([['t/2', true]]);
  });

  it('records an entry once even if it went back to queued and is sent again', () => {
    const history: StoredMessage[] = [];
    const record = createPublishedRecorder({
      nextId: () => history.length + 1,
      append: (m) => void history.push(m),
    });
    record(row(9, 'queued'));
    record(row(9, 'queued'));
    expect(history.map((m) => m.id)).toEqual([1]);
  });

  it('keeps every MQTT 5 property the entry is sent with', () => {
    const data = new Uint8Array([7]);
    const r: OutboxRow = {
      ...row(3, 'queued'),
      contentType: 'text/plain',
      payloadFormatIndicator: true,
      messageExpiryIntervalS: 30,
      responseTopic: 'reply',
      correlationData: data,
      topicAlias: 2,
    };
    expect(publishedMessage(r, 1, 0).properties).toEqual({
      userProperties: { k: 'v3' },
      contentType: 'text/plain',
      payloadFormatIndicator: true,
      messageExpiryInterval: 30,
      responseTopic: 'reply',
      correlationData: data,
      topicAlias: 2,
    });
    expect(
      publishedMessage(
        {
          ...r,
          userProperties: undefined,
          contentType: undefined,
          payloadFormatIndicator: undefined,
          messageExpiryIntervalS: undefined,
          responseTopic: undefined,
          correlationData: undefined,
          topicAlias: undefined,
        },
        1,
        0,
      ).properties,
    ).toBeUndefined();
  });
});
