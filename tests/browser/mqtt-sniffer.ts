// A WebSocket relay on 127.0.0.1 in front of a broker that decodes what the client sends, so a
// test can read the app's packets as they were on the wire (a topic alias, for one, never reaches
// another subscriber). Stopped after the test.
import { parser, type Packet } from 'mqtt-packet';
import { WebSocket, WebSocketServer } from 'ws';
import type { BrowserSuite } from './harness';

export interface MqttSniffer {
  /** ws://127.0.0.1:PORT/mqtt: point the app here instead of at the broker. */
  url: string;
  /** Every packet the clients sent, decoded, oldest first. */
  sent: Packet[];
}

export async function startSniffer(suite: BrowserSuite, brokerUrl: string): Promise<MqttSniffer> {
  const sent: Packet[] = [];
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (protocols) => [...protocols][0] ?? false,
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  server.on('connection', (client) => {
    const upstream = new WebSocket(brokerUrl, client.protocol || 'mqtt');
    const decode = parser({ protocolVersion: 5 });
    decode.on('packet', (packet) => sent.push(packet));
    const queued: Buffer[] = [];
    client.on('message', (data: Buffer) => {
      decode.parse(data);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data);
      else queued.push(data);
    });
    upstream.on('open', () => queued.splice(0).forEach((data) => upstream.send(data)));
    upstream.on('message', (data: Buffer) => client.send(data));
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.terminate());
    client.on('close', () => upstream.close());
  });
  suite.defer(
    () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}/mqtt`, sent };
}
