// The WebSocket mqtt.js connects through in the worker: every frame passes the packet guard
// before mqtt.js sees it, and a violation closes the socket (MQTT 5: after a DISCONNECT with its
// reason) and is kept for the session to report.
import { createPacketGuard } from './packet-guard';
import type { GuardLimits, Violation } from './packet-guard';

const violations = new WeakMap<object, Violation>();

/** A `createWebsocket` for mqtt.js's options. */
export function guardedWebSocket(limits: GuardLimits) {
  return (url: string, protocols: string[]): WebSocket => {
    const socket = new WebSocket(url, protocols);
    const guard = createPacketGuard(limits);
    // Registered before mqtt.js's own listener, so stopping the event keeps the bytes from it.
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (violations.has(socket)) return event.stopImmediatePropagation();
      const { data } = event;
      const violation =
        data instanceof ArrayBuffer
          ? guard.feed(new Uint8Array(data))
          : ({ detail: 'sent a text WebSocket frame', reasonCode: 0x82 } as const);
      if (!violation) return;
      event.stopImmediatePropagation();
      violations.set(socket, violation);
      if (limits.version === 5 && socket.readyState === WebSocket.OPEN) {
        socket.send(new Uint8Array([0xe0, 0x01, violation.reasonCode]));
      }
      socket.close();
    });
    return socket;
  };
}

/** The violation that closed the socket under an mqtt.js client's stream, if any. */
export function violationOf(client: { stream?: unknown }): Violation | undefined {
  const socket = (client.stream as { socket?: unknown } | undefined)?.socket;
  return typeof socket === 'object' && socket !== null ? violations.get(socket) : undefined;
}

/** mqtt.js runs in the worker over the browser's WebSocket; under Node (unit tests) it uses `ws`. */
export const CAN_GUARD_SOCKETS =
  typeof WebSocket === 'function' &&
  typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
