// The bench's traffic: 100 topics shaped like a device fleet, and JSON payloads of an exact size
// that carry the send time, a sequence number, and a word that a text search can find.
export const DEVICES = 25;
export const METRICS = ['temp', 'hum', 'pres', 'volt'] as const;
/** One payload in this many says "alarm": the text search finds a page without scanning all. */
export const ALARM_EVERY = 100;
export const ALARM_WORD = 'alarm';
/** The topic the history figures read alone, and the wildcard they read across devices. */
export const ONE_TOPIC = 'bench/d7/temp';
export const WILDCARD_FILTER = 'bench/+/temp';

/** The 100 topics `prefix/d0/temp` … `prefix/d24/volt`. */
export function benchTopics(prefix: string): string[] {
  const topics: string[] = [];
  for (let d = 0; d < DEVICES; d++) for (const m of METRICS) topics.push(`${prefix}/d${d}/${m}`);
  return topics;
}

/** Wall-clock milliseconds with sub-millisecond digits, comparable between processes. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * `{"p":tag,"s":seq,"t":sentAtMs,"st":"ok"|"alarm","x":"xxx…"}` padded to exactly `size` bytes
 * (or longer, when `size` is smaller than the fields themselves).
 */
export function encodePayload(tag: string, seq: number, sentAt: number, size: number): string {
  const state = seq % ALARM_EVERY === ALARM_EVERY - 1 ? ALARM_WORD : 'ok';
  const head = `{"p":"${tag}","s":${seq},"t":${sentAt.toFixed(2)},"st":"${state}","x":"`;
  return `${head}${padding(size - head.length - 2)}"}`;
}

const paddings = new Map<number, string>();
function padding(length: number): string {
  const n = Math.max(0, length);
  let text = paddings.get(n);
  if (text === undefined) paddings.set(n, (text = 'x'.repeat(n)));
  return text;
}

/** The send time a payload (or a row's text showing it) carries, if any. */
export function sentAtOf(text: string): number | undefined {
  const match = /"t":\s*([\d.]+)/.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
