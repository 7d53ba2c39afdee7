// The brokers the bench runs against, each in a process apart from the browser and the bench:
// Mosquitto (the reference) and the dev broker (Aedes) in a child process of its own.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../fixtures/servers/child-process';
import type { AedesChildMessage, AedesChildRequest } from './aedes-child';
import type { BenchBroker, BrokerName } from './bench-broker';
import { startBenchMosquitto } from './mosquitto-bench';

export type { BenchBroker, BrokerName } from './bench-broker';

const AEDES_CHILD = fileURLToPath(new URL('./aedes-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
const CPU_ANSWER_TIMEOUT_MS = 2_000;

async function startAedes(): Promise<BenchBroker> {
  const child = fork(AEDES_CHILD, [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A connected child closes its broker cleanly when asked; otherwise SIGTERM.
  const stop = () =>
    stopChild(child, exited, STOP_TIMEOUT_MS, () => {
      if (child.connected) child.send({ type: 'close' } satisfies AedesChildRequest);
      else child.kill('SIGTERM');
    });
  const next = (type: AedesChildMessage['type'], timeoutMs: number) =>
    new Promise<AedesChildMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`aedes child sent no "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: AedesChildMessage) => {
        if (message.type !== type && message.type !== 'error') return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
    });

  let ready: AedesChildMessage;
  try {
    ready = await next('ready', START_TIMEOUT_MS);
  } catch (error) {
    await stop();
    throw error;
  }
  if (ready.type !== 'ready') {
    await stop();
    throw new Error(`the dev broker did not start: ${ready.type === 'error' ? ready.message : ''}`);
  }
  return {
    name: 'aedes',
    browserUrl: ready.url,
    publisherUrl: ready.url,
    describe: 'dev broker: Aedes 1.2 over websocket-stream, own process; publisher over WebSocket',
    async cpuMs() {
      if (!child.connected) return undefined;
      const answer = next('cpu', CPU_ANSWER_TIMEOUT_MS).catch(() => undefined);
      child.send({ type: 'cpu' } satisfies AedesChildRequest);
      const message = await answer;
      return message?.type === 'cpu' ? message.cpuMs : undefined;
    },
    notableLog: async () => [],
    stop,
  };
}

export function startBroker(name: BrokerName): Promise<BenchBroker> {
  return name === 'mosquitto' ? startBenchMosquitto() : startAedes();
}
