// The Explore form's fields as text, and the two-way mapping to the explorer's filter: parsing,
// the inline errors (topic filters checked by the same shared/mqtt/topics.ts the worker uses), and
// how many conditions are active (the phone's "Filters (3 active)" toggle).
import type { MessageDirection, Qos } from '../../../shared/protocol';
import { validateTopicFilter } from '../../../shared/mqtt/topics';
import type { ExplorerFilter } from '../explorer';

export type DirectionChoice = 'any' | MessageDirection;
export type RetainedChoice = 'any' | 'only' | 'not';

export interface FilterFields {
  topicFilter: string;
  /** `datetime-local` values, local time: `YYYY-MM-DDTHH:mm` or with `:ss`. */
  from: string;
  to: string;
  text: string;
  regex: boolean;
  ignoreCase: boolean;
  direction: DirectionChoice;
  qos: [boolean, boolean, boolean];
  retained: RetainedChoice;
}

export type FieldErrors = Partial<Record<'topicFilter' | 'from' | 'to' | 'text' | 'qos', string>>;

export const EMPTY_FIELDS: FilterFields = {
  topicFilter: '',
  from: '',
  to: '',
  text: '',
  regex: false,
  ignoreCase: false,
  direction: 'any',
  qos: [true, true, true],
  retained: 'any',
};

/** A payload search longer than this is refused: the worker matches it against every payload. */
export const MAX_TEXT_CHARS = 1_000;
/** A minute without seconds means the whole minute; with seconds, the whole second. */
const LAST_MS_OF_MINUTE = 59_999;
const LAST_MS_OF_SECOND = 999;

const pad = (n: number) => String(n).padStart(2, '0');

/** ms since the epoch → a `datetime-local` value with seconds, local time. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A `datetime-local` value → ms since the epoch (local time), or NaN when it is not one. */
export function fromLocalInput(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map((part) => Number(part ?? 0)) as number[];
  const date = new Date(y!, mo! - 1, d!, h!, mi!, s!, ms!);
  return date.getMonth() === mo! - 1 ? date.getTime() : NaN;
}

function hasSeconds(value: string): boolean {
  return /T\d{2}:\d{2}:\d{2}/.test(value);
}

/** The form's fields → the filter, or the inline errors that keep it from being applied. */
export function parseFields(f: FilterFields): { filter?: ExplorerFilter; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const filter: ExplorerFilter = {};
  const topic = f.topicFilter.trim();
  if (topic !== '') {
    const problem = validateTopicFilter(topic);
    if (problem) errors.topicFilter = problem;
    else filter.topicFilter = topic;
  }
  if (f.from !== '') {
    const from = fromLocalInput(f.from);
    if (Number.isNaN(from)) errors.from = 'Not a date and time.';
    else filter.from = from;
  }
  if (f.to !== '') {
    const to = fromLocalInput(f.to);
    if (Number.isNaN(to)) errors.to = 'Not a date and time.';
    else filter.to = to + (hasSeconds(f.to) ? LAST_MS_OF_SECOND : LAST_MS_OF_MINUTE);
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    errors.to = '"To" is before "From": no message can match.';
  }
  if (f.text !== '') {
    if (f.text.length > MAX_TEXT_CHARS) {
      errors.text = `At most ${MAX_TEXT_CHARS.toLocaleString('en-US')} characters.`;
    } else if (f.regex) {
      try {
        new RegExp(f.text, f.ignoreCase ? 'iu' : 'u');
      } catch (error) {
        errors.text = `Not a valid regular expression: ${(error as Error).message}`;
      }
    }
    filter.text = f.text;
    if (f.regex) filter.regex = true;
    if (f.ignoreCase) filter.ignoreCase = true;
  }
  if (f.direction !== 'any') filter.direction = f.direction;
  const qos = ([0, 1, 2] as const).filter((level) => f.qos[level]);
  if (qos.length === 0) errors.qos = 'Choose at least one QoS level.';
  else if (qos.length < 3) filter.qos = qos as Qos[];
  if (f.retained !== 'any') filter.retained = f.retained === 'only';
  return Object.keys(errors).length > 0 ? { errors } : { filter, errors };
}

/** The filter → the form's fields (for a filter set from outside, such as the Topics tab). */
export function fieldsOf(filter: ExplorerFilter): FilterFields {
  const qos = filter.qos?.length ? filter.qos : [0, 1, 2];
  return {
    topicFilter: filter.topicFilter ?? '',
    from: filter.from === undefined ? '' : toLocalInput(filter.from),
    to: filter.to === undefined ? '' : toLocalInput(filter.to),
    text: filter.text ?? '',
    regex: filter.regex === true,
    ignoreCase: filter.ignoreCase === true,
    direction: filter.direction ?? 'any',
    qos: [qos.includes(0), qos.includes(1), qos.includes(2)],
    retained: filter.retained === undefined ? 'any' : filter.retained ? 'only' : 'not',
  };
}

/** How many conditions narrow the filter, as the folded form's toggle counts them. */
export function activeConditions(filter: ExplorerFilter): number {
  const set = [
    filter.topicFilter,
    filter.from,
    filter.to,
    filter.text || undefined,
    filter.direction,
    filter.qos?.length ? filter.qos : undefined,
    filter.retained,
  ];
  return set.filter((value) => value !== undefined).length;
}
