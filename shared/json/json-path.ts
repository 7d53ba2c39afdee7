// JSON paths into a payload: `temperature`, `link.rssi`, `fans[0]`, `a.b[0].c`. A small subset
// on purpose: dotted keys and array indexes. Shared by the dashboards (UI) and charts from history
// (worker), so a path a tile accepts is one a history chart accepts.

export type PathStep = string | number;

const STEP = /^([^.[\]]+)?((?:\[\d+\])*)$/;

/** The steps of `path`, or an error message; the empty path means the whole payload. */
export function parsePath(
  path: string,
): { ok: true; steps: PathStep[] } | { ok: false; error: string } {
  const trimmed = path.trim();
  if (trimmed === '') return { ok: true, steps: [] };
  const steps: PathStep[] = [];
  for (const part of trimmed.split('.')) {
    const match = STEP.exec(part);
    if (!match || (match[1] === undefined && match[2] === '')) {
      return { ok: false, error: `"${path}" is not a path like temperature or a.b[0]` };
    }
    if (match[1] !== undefined) steps.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return { ok: true, steps };
}

/** The value at `steps`, or undefined when the payload has nothing there. */
export function readPath(value: unknown, steps: readonly PathStep[]): unknown {
  let at = value;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(at)) return undefined;
      at = at[step];
    } else {
      if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
      // Own keys only: "__proto__" or "constructor" in a path never reach the prototype.
      if (!Object.prototype.hasOwnProperty.call(at, step)) return undefined;
      at = (at as Record<string, unknown>)[step];
    }
  }
  return at;
}
