// The platform APIs shared/ may use: those the page, the worker and Node (the unit tests) all
// have, declared here by hand and only as far as shared/ uses them. Its tsconfig has no DOM or
// WebWorker library, so code here cannot reach for anything a runtime lacks. Another global needs
// a line here first, and a reason it exists everywhere.

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}

declare class URL {
  constructor(url: string, base?: string | URL);
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

/** Named by the export contract only; shared/ never reads one. */
interface Blob {
  readonly size: number;
  readonly type: string;
}

/** Named by the export contract only; shared/ never reads one. */
interface FileSystemFileHandle {
  readonly kind: 'file';
  readonly name: string;
}
