// Reads fields out of untrusted JSON one by one, collecting a message per bad field with its
// place in the file ("tiles[2].min: expected a number"), so one pass lists every problem.

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Untrusted strings are capped: a file cannot make the UI hold megabytes per field. */
export const MAX_TEXT_CHARS = 4_096;

export class FieldReader {
  constructor(
    readonly errors: string[],
    private readonly source: Json,
    /** Where this object is in the file, like `tiles[2]`; empty at the top. */
    readonly at: string,
  ) {}

  private fail(key: string, problem: string): void {
    this.errors.push(`${this.at}${this.at ? '.' : ''}${key}: ${problem}`);
  }

  text(key: string, opts: { fallback?: string; nonEmpty?: boolean; max?: number } = {}): string {
    const value = this.source[key];
    if (value === undefined && opts.fallback !== undefined) return opts.fallback;
    if (typeof value !== 'string') {
      this.fail(key, 'expected text');
      return opts.fallback ?? '';
    }
    if (opts.nonEmpty && value.trim() === '') this.fail(key, 'must not be empty');
    if (value.length > (opts.max ?? MAX_TEXT_CHARS))
      this.fail(key, `longer than ${opts.max ?? MAX_TEXT_CHARS} characters`);
    return value;
  }

  number(key: string, opts: { min?: number; max?: number; integer?: boolean; fallback?: number }) {
    const value = this.source[key];
    if (value === undefined && opts.fallback !== undefined) return opts.fallback;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(key, 'expected a number');
      return opts.fallback ?? 0;
    }
    if (opts.integer && !Number.isInteger(value)) this.fail(key, 'expected a whole number');
    if (opts.min !== undefined && value < opts.min) this.fail(key, `must be at least ${opts.min}`);
    if (opts.max !== undefined && value > opts.max) this.fail(key, `must be at most ${opts.max}`);
    return value;
  }

  boolean(key: string, fallback?: boolean): boolean {
    const value = this.source[key];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.fail(key, 'expected true or false');
      return fallback ?? false;
    }
    return value;
  }

  qos(key: string): 0 | 1 | 2 {
    const value = this.source[key];
    if (value === undefined) return 0;
    if (value !== 0 && value !== 1 && value !== 2) {
      this.fail(key, 'expected QoS 0, 1 or 2');
      return 0;
    }
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T {
    const value = this.source[key];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(key, `expected one of ${allowed.join(', ')}`);
      return fallback ?? allowed[0]!;
    }
    return value as T;
  }

  /** Each element read by `item` with a reader of its own (objects) or rejected. */
  list<T>(key: string, item: (r: FieldReader) => T, opts: { max: number; min?: number }): T[] {
    const value = this.source[key];
    if (value === undefined && (opts.min ?? 0) === 0) return [];
    if (!Array.isArray(value)) {
      this.fail(key, 'expected a list');
      return [];
    }
    if (value.length > opts.max) this.fail(key, `more than ${opts.max} entries`);
    if (value.length < (opts.min ?? 0)) this.fail(key, `needs at least ${opts.min} entries`);
    const place = `${this.at}${this.at ? '.' : ''}${key}`;
    return value.slice(0, opts.max).flatMap((entry, i) => {
      if (!isObject(entry)) {
        this.errors.push(`${place}[${i}]: expected an object`);
        return [];
      }
      return [item(new FieldReader(this.errors, entry, `${place}[${i}]`))];
    });
  }
}
