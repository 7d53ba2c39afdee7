// The outbox with several connections: each client sends only its own connection's rows, in
// publish order, and its end answers only its own callers (mqtt.js clients faked, as in
// outbox-link.test.ts; the brokers themselves: tests/worker/multi-connection-worker.test.ts).
import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { createOutboxLink, type LinkHost } from '../../worker/outbox/outbox-link';
import { connectionRows, type OutboxRow } from '../../worker/outbox/outbox-rules';
import type { ConnectionProfile, OutboxState, Qos } from '../../shared/protocol';

function profile(id: string): ConnectionProfile {
  const base = { username: '', password: '', keepaliveS: 60, cleanStart: true };
  return { ...base, id, url: `ws://127.0.0.1:1/${id}`, clientId: `deck-${id}`, protocolVersion: 5 };
}

class FakeClient extends EventEmitter {
  connected = false;
  published: string[] = [];
  private lastId = 0;
  publish(topic: string, _payload: string, opts: { qos: Qos }, cb: (e?: Error) => void) {
    this.published.push(topic);
    if (opts.qos === 0) cb();
    else this.lastId += 1;
    return this;
  }
  getLastMessageId() {
    return this.lastId;
  }
  connack() {
    this.connected = true;
    this.emit('connect', { cmd: 'connack', returnCode: 0, sessionPresent: false, properties: {} });
  }
}

function row(seq: number, connectionId: string, state: OutboxState = 'queued'): OutboxRow {
  return {
    seq,
    connectionId,
    topic: `${connectionId}/${seq}`,
    qos: 1,
    retain: false,
    size: 1,
    state,
    createdAt: 0,
    updatedAt: 0,
    payload: new TextEncoder().encode(`p${seq}`),
  };
}

describe('outbox: one link per connection', () => {
  it("plans each connection's own durable, unfinished rows in publish order", () => {
    const rows = [row(4, 'a'), row(1, 'a'), row(2, 'b'), row(3, 'a', 'acknowledged'), row(5, 'a')];
    const durable = new Set([1, 2, 3, 4]); // 5 is not stored yet: never sent
    expect(connectionRows(rows, durable, 'a').map((r) => r.seq)).toEqual([1, 4]);
    expect(connectionRows(rows, durable, 'b').map((r) => r.seq)).toEqual([2]);
    expect(connectionRows(rows, durable, 'c')).toEqual([]);
  });

  it('sends on each client only its connection rows; a closed one tells only its own', () => {
    const rows = [row(1, 'a'), row(2, 'b'), row(3, 'a'), row(4, 'c')];
    const byseq = new Map(rows.map((r) => [r.seq, r]));
    const closed: string[] = [];
    const host: LinkHost = {
      row: (seq) => byseq.get(seq),
      unfinished: (id) => connectionRows(rows, new Set(byseq.keys()), id),
      setState(seq, state) {
        byseq.get(seq)!.state = state;
      },
      markStored: () => undefined,
      closed: (id) => closed.push(id),
    };
    const clientA = new FakeClient();
    const clientB = new FakeClient();
    createOutboxLink(clientA as unknown as MqttClient, profile('a'), undefined, host);
    createOutboxLink(clientB as unknown as MqttClient, profile('b'), undefined, host);
    clientB.connack();
    clientA.connack();
    expect(clientA.published).toEqual(['a/1', 'a/3']);
    expect(clientB.published).toEqual(['b/2']);
    expect(byseq.get(4)!.state).toBe('queued'); // connection c is not open: it waits
    clientB.emit('close');
    expect(closed).toEqual(['b']);
  });
});
