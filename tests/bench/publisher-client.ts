// The parent side of the publisher: forks tests/bench/publisher.ts under tsx, one job at a time.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../fixtures/servers/child-process';

export interface PublishJob {
  /** `bench` for the app, `ceil` for the bare subscriber: neither receives the other's traffic. */
  topicPrefix: string;
  /** Written into each payload, so a page can tell the phases apart. */
  tag: string;
  count: number;
  sizeBytes: number;
  qos: 0 | 1;
  /** Messages a second; as fast as the broker takes them when absent. */
  ratePerS?: number;
  /** PUBLISHes written but not yet acknowledged (QoS 1) or flushed (QoS 0). */
  window: number;
}

export interface PublishReport {
  sent: number;
  /** Wall-clock ms (sub-ms digits) of the first and the last send. */
  firstSendAt: number;
  lastSendAt: number;
  /** CPU time the publisher process spent on this job. */
  cpuMs: number;
}

export type PublisherRequest =
  | { id: number; type: 'connect'; url: string }
  | { id: number; type: 'publish'; job: PublishJob }
  | { id: number; type: 'close' };
/** A request before its id is given (Omit would merge the union's members). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;
export type PublisherReply =
  { id: number; ok: true; report?: PublishReport } | { id: number; ok: false; error: string };

export interface Publisher {
  pid: number;
  publish(job: PublishJob): Promise<PublishReport>;
  close(): Promise<void>;
}

const PUBLISHER_FILE = fileURLToPath(new URL('./publisher.ts', import.meta.url));
// `--import tsx` resolves from the working directory: the repository's node_modules.
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLOSE_TIMEOUT_MS = 5_000;

export async function startPublisher(brokerUrl: string): Promise<Publisher> {
  const child: ChildProcess = fork(PUBLISHER_FILE, [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let nextId = 1;
  const pending = new Map<number, (reply: PublisherReply) => void>();
  child.on('message', (reply: PublisherReply) => pending.get(reply.id)?.(reply));
  void exited.then(() => {
    for (const settle of pending.values()) settle({ id: 0, ok: false, error: 'publisher exited' });
  });

  const call = (request: Unnumbered<PublisherRequest>): Promise<PublisherReply & { ok: true }> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (reply) => {
        pending.delete(id);
        if (reply.ok) resolve(reply);
        else reject(new Error(`publisher: ${reply.error}`));
      });
      child.send({ ...request, id } as PublisherRequest);
    });

  const kill = () => stopChild(child, exited, CLOSE_TIMEOUT_MS);

  try {
    await call({ type: 'connect', url: brokerUrl });
  } catch (error) {
    await kill();
    throw error;
  }
  return {
    pid: child.pid ?? 0,
    async publish(job) {
      const { report } = await call({ type: 'publish', job });
      if (!report) throw new Error('publisher sent no report');
      return report;
    },
    async close() {
      await call({ type: 'close' }).catch(() => undefined);
      await kill();
    },
  };
}
