// `worker-timers` for mqtt.js in the worker: the Worker's own timers. mqtt.js's timerVariant
// 'auto' already picks native timers inside a Worker (worker-timers only dodges the throttling of
// a background tab's main thread), so its helper worker and @babel runtime were never used.
export const setInterval = (callback: () => void, delayMs: number) =>
  globalThis.setInterval(callback, delayMs);

export const clearInterval = (id: ReturnType<typeof setInterval>): void =>
  globalThis.clearInterval(id);
