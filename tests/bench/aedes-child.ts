// The dev broker (Aedes over websocket-stream) in its own process, so its CPU is its own and it
// competes with the browser as a separate broker would. Talks to the bench over IPC.
import { startDevBroker } from '../../broker-dev/dev-broker';

export type AedesChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'cpu'; cpuMs: number }
  | { type: 'error'; message: string };
export type AedesChildRequest = { type: 'cpu' } | { type: 'close' };

const send = (message: AedesChildMessage) => process.send?.(message);

try {
  const broker = await startDevBroker({ host: '127.0.0.1', port: 0 });
  process.on('message', (request: AedesChildRequest) => {
    if (request.type === 'cpu') {
      const cpu = process.cpuUsage();
      send({ type: 'cpu', cpuMs: (cpu.user + cpu.system) / 1000 });
    } else {
      void broker.close().finally(() => process.disconnect());
    }
  });
  send({ type: 'ready', url: broker.url });
} catch (error) {
  send({ type: 'error', message: String(error) });
  process.disconnect();
}
