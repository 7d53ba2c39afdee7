// Helpers shared by the broker-dev entry points: flag and env parsing, port fallback, shutdown.

/** A bad flag or env value: the entry point prints the message and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE_EXIT_CODE = 2;
// Ports tried after a taken preferred port, before settling for any free one.
const PORT_FALLBACK_TRIES = 10;
// A second Ctrl-C, or a stop that hangs, must not leave the terminal stuck.
const SHUTDOWN_TIMEOUT_MS = 5_000;

/** IPv6 literals need brackets inside a URL. */
export function formatHostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function parseIntegerFlag(name: string, raw: string, min: number, max: number): number {
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function parsePortFlag(name: string, raw: string): number {
  return parseIntegerFlag(name, raw, 0, 65_535);
}

/** A port from the environment, or undefined when the variable is unset or empty. */
export function portFromEnv(variable: string): number | undefined {
  const raw = process.env[variable];
  return raw === undefined || raw.trim() === '' ? undefined : parsePortFlag(variable, raw);
}

export function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

/**
 * Starts a server on `preferred`; if that port is taken, on the next few ports, then on any free
 * one. Other errors are not retried.
 */
export async function startWithPortFallback<T>(
  preferred: number,
  start: (port: number) => Promise<T>,
): Promise<T> {
  const candidates = [preferred];
  for (let i = 1; i <= PORT_FALLBACK_TRIES && preferred !== 0; i++) {
    if (preferred + i <= 65_535) candidates.push(preferred + i);
  }
  if (preferred !== 0) candidates.push(0);
  let lastError: unknown;
  for (const port of candidates) {
    try {
      return await start(port);
    } catch (error) {
      if (!isAddressInUse(error)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** Runs `stop` once on SIGINT or SIGTERM, then exits; a second signal exits at once. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    setTimeout(() => {
      console.error('Stopping took too long; exiting anyway.');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Error while stopping:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
