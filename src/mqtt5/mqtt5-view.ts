// The one way into the MQTT 5 chunk (src/mqtt5): every panel's lazy view and the publish store's
// option rules load through here, so the first paint carries a single import of it.
import type { Component } from 'solid-js';
import { chunkView } from '../ui/chunk-view';
import type * as Mqtt5Chunk from '.';

type Mqtt5 = typeof Mqtt5Chunk;

export const loadMqtt5 = (): Promise<Mqtt5> => import('.');

/** The chunk's component `name`, as a component of the first paint that fetches it when shown. */
export function mqtt5View<P extends object>(
  pick: (chunk: Mqtt5) => Component<P>,
  what: string,
): Component<P> {
  return chunkView<P>(() => loadMqtt5().then((chunk) => ({ default: pick(chunk) })), what);
}
