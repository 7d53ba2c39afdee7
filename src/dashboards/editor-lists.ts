// The editor's list fields as lines of text (thresholds, status states, chart series): written
// out for editing and read back into plain objects that the model's validation then checks.
import { TONES, type Series, type StatusState, type Threshold, type Tone } from './dashboard-model';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
const cells = (line: string) => line.split('|').map((cell) => cell.trim());
const toneOf = (text: string | undefined): Tone | string =>
  (TONES as readonly string[]).includes(text ?? '') ? (text as Tone) : (text ?? '');

/** "22 | warn" per line. Unknown tones are kept as written so validation names them. */
export const thresholdsToText = (list: readonly Threshold[]) =>
  list.map((t) => `${t.at} | ${t.tone}`).join('\n');
export const textToThresholds = (text: string): unknown[] =>
  lines(text).map((line) => {
    const [at, tone] = cells(line);
    return { at: at === '' ? NaN : Number(at), tone: toneOf(tone) };
  });

/** "value | tone | label" per line. */
export const statesToText = (list: readonly StatusState[]) =>
  list.map((s) => `${s.value} | ${s.tone} | ${s.label}`).join('\n');
export const textToStates = (text: string): unknown[] =>
  lines(text).map((line) => {
    const [value, tone, label] = cells(line);
    return { value: value ?? '', tone: toneOf(tone), label: label ?? value ?? '' };
  });

/** "topic | path | label" per line. */
export const seriesToText = (list: readonly Series[]) =>
  list.map((s) => `${s.topic} | ${s.path} | ${s.label}`).join('\n');
export const textToSeries = (text: string): unknown[] =>
  lines(text).map((line) => {
    const [topic, path, label] = cells(line);
    return { topic: topic ?? '', path: path ?? '', label: label ?? '' };
  });
