// Request/answer over a dedicated worker's postMessage, for the bench pages (one call at a time
// is all they need, but ids keep answers matched anyway).
export interface RpcRequest<P = unknown> {
  id: number;
  params: P;
}
export type RpcAnswer<R = unknown> =
  { id: number; ok: true; value: R } | { id: number; ok: false; error: string };

/** The page side: `call(params)` posts a request and resolves with the worker's answer. */
export function workerCaller<P, R>(worker: Worker): (params: P) => Promise<R> {
  let nextId = 1;
  const pending = new Map<number, (answer: RpcAnswer<R>) => void>();
  worker.addEventListener('message', (event: MessageEvent<RpcAnswer<R>>) => {
    pending.get(event.data.id)?.(event.data);
  });
  return (params) =>
    new Promise<R>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (answer) => {
        pending.delete(id);
        if (answer.ok) resolve(answer.value);
        else reject(new Error(answer.error));
      });
      worker.postMessage({ id, params } satisfies RpcRequest<P>);
    });
}

/** The worker side: answers every request with `handle`'s result or its error. */
export function serveRequests<P, R>(handle: (params: P) => Promise<R>): void {
  addEventListener('message', (event: MessageEvent<RpcRequest<P>>) => {
    const { id, params } = event.data;
    handle(params).then(
      (value) => postMessage({ id, ok: true, value } satisfies RpcAnswer<R>),
      (error: unknown) =>
        postMessage({ id, ok: false, error: String(error) } satisfies RpcAnswer<R>),
    );
  });
}
