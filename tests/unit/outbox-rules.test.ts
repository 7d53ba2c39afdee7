// The outbox's pure rules: what a connect sends, replays or finishes, what an ack means, pruning.
import { describe, expect, it } from 'vitest';
import {
  ackOutcome,
  newestEntries,
  newRow,
  planConnect,
  prunable,
  rowOptions,
  toEntry,
  type OutboxRow,
} from '../../worker/outbox/outbox-rules';
import type { OutboxState } from '../../shared/protocol';

function row(seq: number, state: OutboxState, packetId?: number): OutboxRow {
  const r: OutboxRow = {
    seq,
    connectionId: 'c',
    topic: `t/${seq}`,
    qos: 1,
    retain: false,
    size: 1,
    state,
    createdAt: seq,
    updatedAt: seq,
    payload: new Uint8Array([seq]),
  };
  if (packetId !== undefined) r.packetId = packetId;
  return r;
}

describe('outbox rules', () => {
  it('on a persistent session leaves stored packets to the replay and sends the rest in order', () => {
    // Packet ids wrapped (65535 before 1): the order is the publish order, not the id order.
    const rows = [row(5, 'queued'), row(2, 'sent', 1), row(1, 'sent', 65_535), row(3, 'sent', 7)];
    rows.push(row(4, 'sent'), row(6, 'acknowledged', 9), row(0, 'failed'));
    const stored = new Set([65_535, 1]);
    const plan = planConnect(rows, (id) => stored.has(id));
    expect([...plan.replayed]).toEqual([
      [65_535, 1],
      [1, 2],
    ]);
    // Packet 7 left the store: the broker acknowledged it before the outbox heard.
    expect(plan.acknowledged).toEqual([3]);
    // Sent without a stored packet (QoS 0, or on a clean session): sent again, at least once.
    expect(plan.send).toEqual([4, 5]);
  });

  it('on a clean session sends every unfinished entry again, in publish order', () => {
    const rows = [row(3, 'queued'), row(2, 'sent', 4), row(1, 'sent'), row(0, 'acknowledged')];
    const plan = planConnect(rows, undefined);
    expect(plan).toEqual({ replayed: new Map(), acknowledged: [], send: [1, 2, 3] });
  });

  it('reads acks: PUBACK and PUBCOMP finish, PUBREC only when it refuses', () => {
    expect(ackOutcome('puback', undefined)).toBe('acknowledged');
    expect(ackOutcome('puback', 0x10)).toBe('acknowledged');
    expect(ackOutcome('puback', 0x87)).toBe('failed');
    expect(ackOutcome('pubrec', 0)).toBeUndefined();
    expect(ackOutcome('pubrec', 0x97)).toBe('failed');
    expect(ackOutcome('pubcomp', undefined)).toBe('acknowledged');
  });

  it('prunes the oldest finished entries beyond the newest kept, never unfinished ones', () => {
    const rows = [row(1, 'acknowledged'), row(2, 'queued'), row(3, 'failed'), row(4, 'sent')];
    rows.push(row(5, 'acknowledged'), row(6, 'acknowledged'));
    expect(prunable(rows, 2)).toEqual([1, 3]);
    expect(prunable(rows, 4)).toEqual([]);
  });

  it('gives the UI the newest entries first, without payload or packet id', () => {
    const entries = newestEntries([row(1, 'sent', 3), row(9, 'queued'), row(4, 'failed')], 2);
    expect(entries.map((e) => e.seq)).toEqual([9, 4]);
    expect(toEntry(row(1, 'sent', 3))).not.toHaveProperty('payload');
    expect(toEntry(row(1, 'sent', 3))).not.toHaveProperty('packetId');
  });
});

describe('MQTT 5 options on an outbox row', () => {
  it('are kept on the row (stored as is) and given back for every send', () => {
    const options = {
      qos: 1,
      retain: false,
      contentType: 'text/plain',
      payloadFormatIndicator: true,
      messageExpiryIntervalS: 9,
      responseTopic: 'reply',
      correlationData: new Uint8Array([1]),
      userProperties: { a: 'b' },
      topicAlias: 4,
    } as const;
    const row = newRow(1, 'c', 't', new Uint8Array(1), options, 5);
    expect(rowOptions(structuredClone(row))).toEqual(options);
    row.reason = 'No matching subscribers (0x10).';
    row.response = { messageId: 7, at: 8 };
    const entry = toEntry(row);
    expect(entry).toMatchObject({
      responseTopic: 'reply',
      correlationData: new Uint8Array([1]),
      reason: 'No matching subscribers (0x10).',
      response: { messageId: 7, at: 8 },
    });
    expect(entry).not.toHaveProperty('contentType');
    expect(entry).not.toHaveProperty('payload');
  });
});
