// Reads one mqtt.js client's lifecycle events as the session needs them: connected, refused by
// the broker (never retried), or closed with the reason a person should see.
import type { IConnackPacket, MqttClient } from 'mqtt';
import {
  CONNECTION_LOST,
  KEEPALIVE_TIMEOUT,
  disconnectError,
  unreachableError,
} from './error-codes';
import { reasonCodeOf } from './mqtt-client';
import type { DeckError } from './protocol';

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
  attempt: { url: string; timeout: DeckError; isStale(): boolean },
  on: ClientEvents,
): () => void {
  let opened = false;
  let lastError: DeckError | undefined;
  client.on('connect', (packet) => {
    if (attempt.isStale()) return;
    opened = true;
    on.connected(packet);
  });
  client.on('error', (error) => {
    if (attempt.isStale()) return;
    const code = reasonCodeOf(error);
    if (!opened && code !== undefined) return on.refused(code);
    if (error.message === 'Keepalive timeout') lastError = KEEPALIVE_TIMEOUT;
  });
  client.on('disconnect', (packet) => {
    if (attempt.isStale() || packet.reasonCode === undefined) return;
    lastError = disconnectError(packet.reasonCode);
  });
  client.on('close', () => {
    if (attempt.isStale()) return;
    on.closed(lastError ?? (opened ? CONNECTION_LOST : unreachableError(attempt.url)));
  });
  return () => {
    if (opened) return;
    lastError = attempt.timeout;
    client.end(true);
  };
}
