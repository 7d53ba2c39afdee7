// A minimal Chrome DevTools Protocol client over `ws`: flat sessions, commands and events, and
// nothing enabled that the bench does not ask for (no Network domain, unlike Playwright).
import WebSocket from 'ws';

type Params = Record<string, unknown>;
export type CdpEvent = { method: string; params: Params; sessionId?: string };
type Listener = (event: CdpEvent) => void;
interface Pending {
  resolve(result: Params): void;
  reject(error: Error): void;
  method: string;
}

const COMMAND_TIMEOUT_MS = 120_000;

export class CdpClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<Listener>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => this.receive(String(data)));
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`CDP closed during ${p.method}`));
      this.pending.clear();
    });
  }

  static connect(url: string): Promise<CdpClient> {
    return new Promise((resolve, reject) => {
      // Heap snapshots are not taken, but a big Runtime.evaluate result must not be cut.
      const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
      ws.once('open', () => resolve(new CdpClient(ws)));
      ws.once('error', reject);
    });
  }

  /** Sends a command to the browser (no sessionId) or to an attached target's session. */
  send<T = Params>(
    method: string,
    params: Params = {},
    sessionId?: string,
    timeoutMs = COMMAND_TIMEOUT_MS,
  ): Promise<T> {
    const id = this.nextId++;
    const message = JSON.stringify(
      sessionId ? { id, method, params, sessionId } : { id, method, params },
    );
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`CDP ${method} got no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.ws.send(message);
    });
  }

  /** Calls `listener` for every event; returns the function that removes it. */
  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first event named `method` (on `sessionId`, when given) that satisfies `match`. */
  waitForEvent(
    method: string,
    opts: { sessionId?: string; timeoutMs?: number; match?: (params: Params) => boolean } = {},
  ): Promise<Params> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        remove();
        reject(new Error(`no CDP event ${method} within ${opts.timeoutMs} ms`));
      }, opts.timeoutMs ?? COMMAND_TIMEOUT_MS);
      const remove = this.onEvent((event) => {
        if (event.method !== method) return;
        if (opts.sessionId !== undefined && event.sessionId !== opts.sessionId) return;
        if (opts.match && !opts.match(event.params)) return;
        clearTimeout(timer);
        remove();
        resolve(event.params);
      });
    });
  }

  close(): void {
    this.ws.close();
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as {
      id?: number;
      result?: Params;
      error?: { message: string; data?: string };
      method?: string;
      params?: Params;
      sessionId?: string;
    };
    if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error) {
        const detail = message.error.data ? ` (${message.error.data})` : '';
        pending.reject(new Error(`CDP ${pending.method}: ${message.error.message}${detail}`));
      } else pending.resolve(message.result ?? {});
      return;
    }
    if (message.method === undefined) return;
    const event: CdpEvent = { method: message.method, params: message.params ?? {} };
    if (message.sessionId !== undefined) event.sessionId = message.sessionId;
    for (const listener of this.listeners) listener(event);
  }
}
