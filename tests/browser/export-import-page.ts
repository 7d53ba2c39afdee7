// Export and import through the app's worker from a test page: Comlink's own messages, with a
// progress callback as a real Comlink proxy (a MessagePort) and Blobs and file handles made in the
// page. Results stay in the page (window.__xfer.kept) until a test reads what it needs of them.
import type { Page } from 'playwright-core';
import type { CaptureInfo, ImportResult, StoredMessage } from '../../worker/protocol';

export interface TransferCall {
  result: unknown;
  /** Every progress the worker posted. */
  progress: unknown[];
}

declare global {
  interface Window {
    __xfer: {
      /** A transfer call with a progress proxy; cancels job `cancelOnProgress` at its first post. */
      call(method: string, args: unknown[], cancelOnProgress?: string): Promise<TransferCall>;
      /** Any other call of the worker API. */
      plain(method: string, args: unknown[]): Promise<unknown>;
      kept: Record<string, unknown>;
    };
  }
}

/** Starts a second instance of the app page's worker and installs window.__xfer. */
export async function installTransferApi(page: Page): Promise<void> {
  const appWorker = page.workers()[0] ?? (await page.waitForEvent('worker'));
  await page.evaluate((url) => {
    const worker = new Worker(url, { type: 'module' });
    const pending = new Map<string, (data: { type?: string; value?: unknown }) => void>();
    let next = 0;
    worker.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as { id?: string; type?: string; value?: unknown };
      if (data.id !== undefined) pending.get(data.id)?.(data);
    });
    const post = (method: string, args: unknown[], port?: MessagePort) =>
      new Promise<unknown>((resolve, reject) => {
        const id = `xfer-${next++}`;
        pending.set(id, (data) => {
          pending.delete(id);
          if (data.type !== 'HANDLER') return resolve(data.value);
          const thrown = data.value as { value?: { message?: string } } | undefined;
          reject(new Error(thrown?.value?.message ?? 'the worker threw'));
        });
        const argumentList: unknown[] = args.map((value) => ({ type: 'RAW', value }));
        if (port) argumentList.push({ type: 'HANDLER', name: 'proxy', value: port });
        worker.postMessage({ id, type: 'APPLY', path: [method], argumentList }, port ? [port] : []);
      });
    window.__xfer = {
      kept: {},
      plain: (method, args) => post(method, args),
      async call(method, args, cancelOnProgress) {
        const progress: unknown[] = [];
        const channel = new MessageChannel();
        // The worker's end of the proxy: every call and the release get an empty answer.
        channel.port1.onmessage = (event: MessageEvent) => {
          const data = event.data as {
            id: string;
            type: string;
            argumentList?: { value: unknown }[];
          };
          if (data.type === 'APPLY') {
            progress.push(data.argumentList?.[0]?.value);
            if (cancelOnProgress && progress.length === 1) {
              void post('cancelTransfer', [cancelOnProgress]);
            }
          }
          channel.port1.postMessage({ id: data.id, type: 'RAW', value: undefined });
        };
        const result = await post(method, args, channel.port2);
        return { result, progress };
      },
    };
  }, appWorker.url());
}

/** Every message 1..count of a capture, read back with getMessage, in canonical form. */
export function readCapture(page: Page, capture: string, count: number) {
  return page.evaluate(
    async ([source, n]) => {
      const toHex = (b: Uint8Array) =>
        Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      const digest = async (b: Uint8Array) =>
        toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>)));
      const read = async (id: number) => {
        const m = (await window.__xfer.plain('getMessage', [id, source])) as
          StoredMessage | undefined;
        if (!m) return `message ${id} missing`;
        const { payload, properties, published, ...rest } = m;
        const cd = properties?.correlationData;
        return {
          ...rest,
          published: published === true,
          payload: await digest(payload),
          properties: properties && {
            ...properties,
            ...(cd ? { correlationData: toHex(cd) } : {}),
          },
        };
      };
      const out: unknown[] = [];
      for (let id = 1; id <= n; id += 100) {
        const ids = Array.from({ length: Math.min(100, n - id + 1) }, (_, k) => id + k);
        out.push(...(await Promise.all(ids.map(read))));
      }
      return out;
    },
    [capture, count] as const,
  );
}

/** Imports text (kept in the page as a Blob) as capture `name`. */
export function importText(page: Page, name: string, text: string, cancel = false) {
  return page.evaluate(
    async ([n, t, c]) => {
      const file = new Blob([t]);
      const job = `import-${n}`;
      const call = await window.__xfer.call(
        'importCapture',
        [{ jobId: job, name: n, file, fileName: `${n}.ndjson` }],
        c ? job : undefined,
      );
      return { ...call, size: file.size };
    },
    [name, text, cancel] as const,
  ) as Promise<TransferCall & { result: ImportResult; size: number }>;
}

export const capturesOf = (page: Page) =>
  page.evaluate(() => window.__xfer.plain('listCaptures', [])) as Promise<CaptureInfo[]>;
