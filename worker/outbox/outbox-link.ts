// The outbox on one mqtt.js client: which entries go out once it connects (publish order, within
// the broker's Receive Maximum), and what each PUBACK / PUBREC / PUBCOMP means for its entry.
import type { IConnackPacket, MqttClient, Packet } from 'mqtt';
import { publishRefusal } from '../session/error-codes';
import { ackOutcome, planConnect, rowOptions } from './outbox-rules';
import type { AckCommand, OutboxRow } from './outbox-rules';
import type { ConnectionProfile, DeckError, OutboxState } from '../../shared/protocol';
import { publishError } from '../../shared/mqtt/publish-validation';
import type { PublishLimits } from '../../shared/mqtt/publish-validation';
import { reasonName, reasonStringNote } from '../session/reason-codes';
import { sendProperties } from './outbox-send';

/** What the link asks of the outbox that owns the rows. */
export interface LinkHost {
  row(seq: number): OutboxRow | undefined;
  /** One connection's rows that are durably stored and not finished. */
  unfinished(connectionId: string): OutboxRow[];
  /** A new state, written in the outbox's next batch; `packetId` null clears the link. */
  setState(
    seq: number,
    state: OutboxState,
    extra?: { error?: DeckError; reason?: string; clearPacket?: true },
  ): void;
  /** 'sent' with its packet id, written by the QoS store's transaction: returns what to write. */
  markStored(seq: number, packetId: number): OutboxRow | undefined;
  /** That connection's client is gone: its callers still waiting hear their messages stay queued. */
  closed(connectionId: string): void;
  /** An entry handed to mqtt.js for the first time (history records it; a request waits). */
  handedOver?(row: OutboxRow): void;
}

/** Packets in flight at once, whatever the broker allows (mqtt.js has 65,535 ids). */
const MAX_IN_FLIGHT = 4_096;

const decoder = new TextDecoder();
/** What an ack carries that the entry shows (MQTT 5). */
interface Ack {
  reasonCode?: number;
  properties?: { reasonString?: unknown };
}

const isAck = (cmd: string): cmd is AckCommand =>
  cmd === 'puback' || cmd === 'pubrec' || cmd === 'pubcomp';

export type BrokerLimits = Omit<PublishLimits, 'version'>;

/** The limits on a publish that a CONNACK states (MQTT 5; none on 3.1.1). */
export function brokerLimits(connack: IConnackPacket | undefined): BrokerLimits {
  const properties = connack?.properties;
  return {
    maximumPacketSize: properties?.maximumPacketSize,
    maximumQos: properties?.maximumQoS,
    retainAvailable: properties?.retainAvailable,
    // A CONNACK without it allows no alias (§3.2.2.3.8); before the CONNACK nothing is known.
    topicAliasMaximum: connack ? (properties?.topicAliasMaximum ?? 0) : undefined,
  };
}

export interface OutboxLink {
  connectionId: string;
  connected(): boolean;
  /** What the broker's CONNACK allows (empty before it arrived). */
  limits(): BrokerLimits;
  /** A newly stored entry of this connection: sent after every one before it. */
  enqueue(seq: number): void;
  /** The QoS store's put of a new PUBLISH: the entry it belongs to, to write alongside. */
  onStorePut(packet: { cmd: string; messageId?: number; topic?: unknown }): OutboxRow | undefined;
  dispose(): void;
}

/**
 * `persisted` is the durable outgoing store of a persistent session (clean start off), which
 * mqtt.js replays itself after CONNACK; undefined for a clean session.
 */
export function createOutboxLink(
  client: MqttClient,
  profile: ConnectionProfile,
  persisted: { has(packetId: number): boolean } | undefined,
  host: LinkHost,
): OutboxLink {
  const plan = planConnect(
    host.unfinished(profile.id),
    persisted && !profile.cleanStart ? (id) => persisted.has(id) : undefined,
  );
  for (const seq of plan.acknowledged) host.setState(seq, 'acknowledged');
  // packet id -> seq of every QoS 1/2 entry in flight on this client, replayed ones included.
  const inFlight = new Map(plan.replayed);
  const queue = plan.send;
  const handled = new Set<number>();
  let active = true;
  let connack: IConnackPacket | undefined;
  let sending: OutboxRow | undefined;
  let storedId: number | undefined;
  // Topic aliases this client registered with the broker: mqtt.js forgets them per connection.
  const aliases = new Map<number, string>();
  const pubrec = new Map<number, Ack>();

  const window = () =>
    Math.min(connack?.properties?.receiveMaximum ?? MAX_IN_FLIGHT, MAX_IN_FLIGHT);

  function pump(): void {
    while (active && connack && client.connected && queue.length > 0) {
      if (inFlight.size >= window()) return;
      const seq = queue.shift()!;
      const row = host.row(seq);
      if (!row || handled.has(seq) || row.state === 'acknowledged' || row.state === 'failed')
        continue;
      handled.add(seq);
      send(row);
    }
  }

  function send(row: OutboxRow): void {
    const { seq, qos } = row;
    const first = row.state === 'queued'; // a resend after a reconnect was 'sent' already
    const limits = { version: profile.protocolVersion, ...brokerLimits(connack) };
    // A replay, or an alias this broker does not take, goes with its full topic only.
    const aliasOk =
      first && row.topicAlias !== undefined && row.topicAlias <= (limits.topicAliasMaximum ?? 0);
    const options = rowOptions(row);
    if (!aliasOk) delete options.topicAlias;
    const invalid = publishError(row.topic, row.payload, options, limits);
    if (invalid) return host.setState(seq, 'failed', { error: invalid });
    const packet = sendProperties(row, options, aliases, Date.now());
    if ('error' in packet) return host.setState(seq, 'failed', { error: packet.error });
    // Before publish(): a QoS 0 write may call back at once. A persistent session's QoS store
    // then rewrites the row, 'sent' with its packet id, in the transaction that keeps the packet.
    host.setState(seq, 'sent', { clearPacket: true });
    sending = row;
    storedId = undefined;
    const sendOptions = { qos, retain: row.retain, properties: packet.properties };
    try {
      client.publish(packet.topic, decoder.decode(row.payload), sendOptions, (error, ack) =>
        done(seq, qos, error, ack as Ack | undefined),
      );
    } catch (error) {
      // mqtt.js threw before the packet left (a fault, not the broker's answer): fail it in
      // words rather than leave it 'sent' forever and break the caller's publish().
      sending = undefined;
      const message = `The MQTT library could not send it (${String(error)}).`;
      return host.setState(seq, 'failed', { error: { code: 'unknown', message } });
    }
    sending = undefined;
    if (first) host.handedOver?.(row);
    if (qos === 0) return;
    const id = storedId ?? client.getLastMessageId();
    if (typeof id === 'number') inFlight.set(id, seq);
  }

  function done(seq: number, qos: number, error: Error | undefined, ack?: Ack): void {
    if (!active) return;
    const code = (error as { code?: unknown } | undefined)?.code;
    if (qos === 0) return error ? undefined : host.setState(seq, 'acknowledged');
    if (typeof code === 'number' && code >= 0x80) {
      return finish(seq, 'failed', { ...ack, reasonCode: code });
    }
    // Not an answer (the store could not keep it, no packet id left): the next connect sends it.
    if (error && client.connected && host.row(seq)?.state === 'sent') {
      for (const [id, s] of inFlight) if (s === seq) inFlight.delete(id);
      host.setState(seq, 'queued', { clearPacket: true });
    }
  }

  function finish(seq: number, outcome: 'acknowledged' | 'failed', ack?: Ack): void {
    const state = host.row(seq)?.state;
    if (state === 'acknowledged' || state === 'failed') return;
    const code = ack?.reasonCode ?? 0;
    const reasonString = ack?.properties?.reasonString;
    if (outcome === 'failed') {
      return host.setState(seq, outcome, { error: publishRefusal(code || 0x80, reasonString) });
    }
    // A success that says something (0x10 No matching subscribers, a reason string): keep it.
    const note = reasonStringNote(reasonString);
    if (code === 0 && !note) return host.setState(seq, outcome);
    host.setState(seq, outcome, { reason: `${reasonName(code, 'puback')}.${note}` });
  }

  client.on('connect', (packet) => {
    if (!active) return;
    connack = packet;
    aliases.clear();
    pump();
  });
  client.on('packetreceive', (packet: Packet) => {
    if (!active || !isAck(packet.cmd)) return;
    const ack = packet as Ack & { cmd: AckCommand; messageId?: number };
    const seq = ack.messageId === undefined ? undefined : inFlight.get(ack.messageId);
    if (seq === undefined) return;
    const outcome = ackOutcome(ack.cmd, ack.reasonCode);
    if (!outcome) {
      pubrec.set(seq, ack); // a PUBREC's success reason shows once the PUBCOMP finishes it
      return;
    }
    inFlight.delete(ack.messageId!);
    finish(seq, outcome, ack.cmd === 'pubcomp' ? (pubrec.get(seq) ?? ack) : ack);
    pubrec.delete(seq);
    pump();
  });
  const dispose = () => {
    if (!active) return;
    active = false;
    host.closed(profile.id);
  };
  client.on('close', dispose);

  return {
    connectionId: profile.id,
    connected: () => active && connack !== undefined && client.connected,
    limits: () => brokerLimits(connack),
    enqueue(seq) {
      if (!active) return;
      queue.push(seq);
      pump();
    },
    onStorePut(packet) {
      if (!sending || packet.cmd !== 'publish' || packet.messageId === undefined) return undefined;
      storedId = packet.messageId;
      return host.markStored(sending.seq, packet.messageId);
    },
    dispose,
  };
}
