// `debug` for mqtt.js in the worker: always off, as the real one is there (it reads its switch
// from localStorage, which a Worker lacks), without its formatting and colour tables.
interface DebugLogger {
  (...args: unknown[]): void;
  enabled: boolean;
  namespace: string;
  extend(suffix: string): DebugLogger;
}

function createDebug(namespace: string): DebugLogger {
  const logger: DebugLogger = Object.assign(() => {}, {
    enabled: false,
    namespace,
    extend: (suffix: string) => createDebug(`${namespace}:${suffix}`),
  });
  return logger;
}

export default createDebug;
