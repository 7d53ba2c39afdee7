// Reads one mqtt.js client's lifecycle events as the session needs them: connected, refused by
// the broker (never retried), or closed with the reason a person should see.
import type { IConnackPacket, MqttClient } from 'mqtt';
import {
  CONNECTION_LOST,
  KEEPALIVE_TIMEOUT,
  clientProtocolError,
  disconnectError,
  incomingTooLarge,
  protocolError,
  unreachableError,
} from './error-codes';
import { violationOf } from '../guard/guarded-socket';
import { authReason } from './reason-codes';
import { reasonCodeOf } from './mqtt-client';
import { MAX_INCOMING_PACKET_BYTES } from '../../shared/mqtt/packet-limits';
import { connackViolation } from '../guard/packet-guard';
import type { Violation } from '../guard/packet-guard';
import type { DeckError } from '../../shared/protocol';

function violationError(violation: Violation, maxPacketBytes: number): DeckError {
  if (violation.size !== undefined) {
    return incomingTooLarge(violation.packet ?? '', violation.size, maxPacketBytes);
  }
  return protocolError(`the broker ${violation.detail}`);
}

export interface ClientEvents {
  connected(packet: IConnackPacket): void;
  /** The broker answered the CONNECT with this refusal code. */
  refused(code: number): void;
  /** The connection ended or never opened; `error` says why. */
  closed(error: DeckError): void;
}

/**
 * Wires `client`'s events to `on`, ignoring everything once `isStale()` (a dropped attempt).
 * Returns what the attempt's timeout does: end a client that has not connected yet, with
 * `timeout` as the reason.
 */
export function watchClient(
  client: MqttClient,
  attempt: {
    url: string;
    timeout: DeckError;
    isStale(): boolean;
    /** The Maximum Packet Size announced in the CONNECT (default the app's own limit). */
    maxPacketBytes?: number;
  },
  on: ClientEvents,
): () => void {
  const maxPacketBytes = attempt.maxPacketBytes ?? MAX_INCOMING_PACKET_BYTES;
  let opened = false;
  let lastError: DeckError | undefined;
  function accept(packet: IConnackPacket): void {
    if (attempt.isStale() || opened) return;
    opened = true;
    const absurd = connackViolation(packet.properties);
    if (absurd) {
      // Not connected: the session retries with a growing delay, and says why.
      lastError = violationError(absurd, maxPacketBytes);
      client.end(true);
      return;
    }
    on.connected(packet);
  }
  // mqtt.js emits 'connect' only after replaying every stored outgoing packet, one round trip
  // each: thousands of them would outlast the connect timeout. The broker accepted us at its
  // CONNACK; mqtt.js marks itself connected synchronously after this event, hence the microtask,
  // and queues what we send meanwhile behind the replay.
  client.on('packetreceive', (packet) => {
    if (packet.cmd !== 'connack' || (packet.returnCode ?? packet.reasonCode ?? 0) !== 0) return;
    queueMicrotask(() => {
      if (client.connected) accept(packet);
    });
  });
  client.on('connect', accept);
  client.on('error', (error) => {
    if (attempt.isStale()) return;
    const code = reasonCodeOf(error);
    if (!opened && code !== undefined && error.message.startsWith('Connection refused')) {
      return on.refused(code);
    }
    if (error.message === 'Keepalive timeout') lastError = KEEPALIVE_TIMEOUT;
    // A packet mqtt.js could not read leaves its parser mid-stream: end the connection.
    const broken = clientProtocolError(error, code);
    if (broken) {
      lastError ??= broken;
      client.end(true);
    }
  });
  client.on('disconnect', (packet) => {
    if (attempt.isStale() || packet.reasonCode === undefined) return;
    lastError = disconnectError(packet.reasonCode, packet.properties?.reasonString);
    // The broker is done with this connection (it must close it next); mqtt.js would wait.
    client.end(true);
  });
  // Profiles carry no authentication method, so a broker's AUTH is unexpected: mqtt.js then
  // ends the connection; the reason it gave is what the person should read.
  client.on('packetreceive', (packet) => {
    if (packet.cmd !== 'auth' || attempt.isStale()) return;
    const why = authReason(packet.reasonCode ?? 0);
    lastError = protocolError(`${why} MQTT Deck does not support enhanced authentication`);
  });
  client.on('close', () => {
    if (attempt.isStale()) return;
    const violation = violationOf(client);
    if (violation) return on.closed(violationError(violation, maxPacketBytes));
    on.closed(lastError ?? (opened ? CONNECTION_LOST : unreachableError(attempt.url)));
  });
  return () => {
    if (opened) return;
    lastError = attempt.timeout;
    client.end(true);
  };
}
