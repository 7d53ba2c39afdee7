// The chart's series, one group each: a topic (suggested from the topic statistics), a JSON field
// (suggested from the numeric fields of that topic's newest message), its colour, and Remove.
import { For, Show, createResource, createSignal, untrack } from 'solid-js';
import type { Accessor } from 'solid-js';
import { parsePath } from '../../../shared/json/json-path';
import { validateTopicFilter } from '../../../shared/mqtt/topics';
import { paletteColour } from '../../ui/uplot-kit';
import { errorAttrs, FieldError } from '../../ui/Field';
import { useExplorer, type Explorer } from '../explorer';
import { numericFields } from './numeric-fields';

export interface SeriesRow {
  key: number;
  topic: string;
  path: string;
}

/** The row's problems in words, or undefined when it can be drawn. */
export function rowErrors(row: SeriesRow): { topic?: string; path?: string } | undefined {
  const topic =
    row.topic.trim() === '' ? 'Give a topic or a topic filter.' : validateTopicFilter(row.topic);
  const path = parsePath(row.path);
  if (!topic && path.ok) return undefined;
  return { topic: topic ?? undefined, path: path.ok ? undefined : path.error };
}

/** The numeric fields of the newest message on `topic`: a few pages at most, never throws. */
async function fieldsOf(
  explorer: Explorer,
  topic: string,
  source: string | undefined,
): Promise<string[]> {
  if (rowErrors({ key: 0, topic, path: '' })) return [];
  let before: number | undefined;
  // A page may come back empty when its time budget ran out before a match: follow it a little.
  for (let pages = 0; pages < 4; pages++) {
    const page = await explorer
      .readHistory({ topicFilter: topic, limit: 1, source, before })
      .catch(() => undefined);
    const newest = page?.messages[0];
    if (newest) {
      try {
        return numericFields(
          JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(newest.preview)),
        );
      } catch {
        return []; // not JSON, or longer than its preview: no suggestions, typing still works
      }
    }
    if (page?.next === undefined) return [];
    before = page.next;
  }
  return [];
}

function SeriesGroup(props: {
  row: SeriesRow;
  index: number;
  count: number;
  showErrors: boolean;
  source: Accessor<string | undefined>;
  onChange(patch: Partial<SeriesRow>): void;
  onRemove(): void;
}) {
  const explorer = useExplorer();
  const id = (what: string) => `chart-${what}-${props.row.key}`;
  // Suggestions follow the topic once typing pauses (or the field is left).
  const [asked, setAsked] = createSignal(untrack(() => props.row.topic));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const [fields] = createResource(
    () => [asked(), props.source()] as const,
    ([topic, source]) => fieldsOf(explorer, topic, source),
  );
  const errors = () => (props.showErrors ? rowErrors(props.row) : undefined);
  return (
    <fieldset class="chart-series">
      <legend>
        <span
          class="chart-swatch"
          style={{ background: paletteColour(props.index) }}
          aria-hidden="true"
        />
        Series {props.index + 1}
      </legend>
      <div class="field">
        <label for={id('topic')}>Topic</label>
        <input
          id={id('topic')}
          type="text"
          class="mono"
          list="chart-topics"
          autocomplete="off"
          spellcheck={false}
          placeholder="sensors/+/temperature"
          value={props.row.topic}
          {...errorAttrs(id('topic'), errors()?.topic)}
          onInput={(e) => {
            props.onChange({ topic: e.currentTarget.value });
            clearTimeout(timer);
            const topic = e.currentTarget.value;
            timer = setTimeout(() => setAsked(topic), 400);
          }}
          onChange={(e) => setAsked(e.currentTarget.value)}
        />
        <FieldError for={id('topic')} error={errors()?.topic} />
      </div>
      <div class="field">
        <label for={id('path')}>JSON field</label>
        <input
          id={id('path')}
          type="text"
          class="mono"
          list={id('fields')}
          autocomplete="off"
          spellcheck={false}
          placeholder="temperature (empty: the whole payload)"
          value={props.row.path}
          {...errorAttrs(id('path'), errors()?.path)}
          onInput={(e) => props.onChange({ path: e.currentTarget.value })}
        />
        <datalist id={id('fields')}>
          <For each={fields() ?? []}>{(path) => <option value={path} />}</For>
        </datalist>
        <FieldError for={id('path')} error={errors()?.path} />
      </div>
      <Show when={props.count > 1}>
        <button type="button" class="btn small ghost" onClick={() => props.onRemove()}>
          Remove
        </button>
      </Show>
    </fieldset>
  );
}

export function SeriesRows(props: {
  rows: SeriesRow[];
  showErrors: boolean;
  source: Accessor<string | undefined>;
  onChange(key: number, patch: Partial<SeriesRow>): void;
  onRemove(key: number): void;
}) {
  return (
    <For each={props.rows}>
      {(row, i) => (
        <SeriesGroup
          row={row}
          index={i()}
          count={props.rows.length}
          showErrors={props.showErrors}
          source={props.source}
          onChange={(patch) => props.onChange(row.key, patch)}
          onRemove={() => props.onRemove(row.key)}
        />
      )}
    </For>
  );
}
