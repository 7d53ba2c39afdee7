// Where an export's bytes go: a file the page chose (written as they come, never held in memory)
// or a Blob built from ~1 MiB parts, each handed to the browser's blob storage as it fills.
/** Text gathered before it is encoded and written: few writes, bounded memory. */
export const SINK_PART_BYTES = 1 << 20;

export interface ExportSink {
  /** Adds text; resolves once earlier parts are written (backpressure). */
  write(text: string): Promise<void>;
  /** Bytes handed on so far. */
  bytes(): number;
  /** Writes what is left and closes; the Blob when writing to memory. */
  close(): Promise<Blob | undefined>;
  /** Drops everything written: no half file is left behind. */
  abort(): Promise<void>;
}

function textBuffer(flush: (part: Blob) => Promise<void>) {
  let pending: string[] = [];
  let pendingChars = 0;
  let written = 0;
  const drain = async () => {
    if (pendingChars === 0) return;
    // The Blob constructor encodes the text to UTF-8 itself, with no copy made in JavaScript.
    const part = new Blob([pending.join('')]);
    pending = [];
    pendingChars = 0;
    written += part.size;
    await flush(part);
  };
  return {
    async write(text: string) {
      pending.push(text);
      pendingChars += text.length;
      // Characters undercount bytes by up to 3x: a part stays between 1 and 3 MiB.
      if (pendingChars >= SINK_PART_BYTES) await drain();
    },
    drain,
    bytes: () => written + pendingChars,
  };
}

export function blobSink(type: string): ExportSink {
  let parts: Blob[] = [];
  const buffer = textBuffer(async (part) => void parts.push(part));
  return {
    write: buffer.write,
    bytes: buffer.bytes,
    async close() {
      await buffer.drain();
      return new Blob(parts, { type });
    },
    async abort() {
      parts = [];
    },
  };
}

export async function fileSink(file: FileSystemFileHandle): Promise<ExportSink> {
  const writable = await file.createWritable();
  const buffer = textBuffer((part) => writable.write(part));
  return {
    write: buffer.write,
    bytes: buffer.bytes,
    async close() {
      await buffer.drain();
      await writable.close();
      return undefined;
    },
    async abort() {
      await writable.abort().catch(() => undefined);
    },
  };
}

/**
 * Calls the page's progress callback (a Comlink proxy, so it returns a promise): a page that went
 * away must not stop the transfer or leave an unhandled rejection.
 */
export function postProgress<T>(callback: (value: T) => unknown, value: T): void {
  try {
    void Promise.resolve(callback(value)).catch(() => undefined);
  } catch {
    // the callback is gone
  }
}
