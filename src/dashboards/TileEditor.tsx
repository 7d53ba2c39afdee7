// Adds or configures one tile: the kind, its topic and JSON path, and the kind's own options.
// Everything is checked by the same validation as an import before the tile is saved.
import { For, Match, Show, Switch, untrack } from 'solid-js';
import { createStore } from 'solid-js/store';
import { Checkbox, Field } from '../ui/Field';
import { TILE_KIND_LABELS, TILE_KINDS, type Tile, type TileKind } from './dashboard-model';
import { validateTile } from './dashboard-validate';
import * as lists from './editor-lists';
import { newTile } from './tile-defaults';

type Input = 'text' | 'number' | 'lines' | 'qos' | 'check';
type Spec = [key: string, label: string, input: Input, hint?: string];

const PUBLISHING: Spec[] = [
  ['publishTopic', 'Publish to topic', 'text'],
  ['qos', 'Publish QoS', 'qos'],
  ['retain', 'Retain', 'check'],
];
const THRESHOLDS: Spec = [
  'thresholds',
  'Thresholds',
  'lines',
  'One per line: from | tone (ok, warn, bad, info, neutral)',
];
const OPTIONS: Record<TileKind, Spec[]> = {
  value: [['unit', 'Unit', 'text'], ['decimals', 'Decimals', 'number'], THRESHOLDS],
  gauge: [
    ['unit', 'Unit', 'text'],
    ['min', 'Minimum', 'number'],
    ['max', 'Maximum', 'number'],
    THRESHOLDS,
  ],
  chart: [
    ['series', 'Series', 'lines', 'One per line: topic | JSON path | label'],
    ['windowS', 'Time window (s)', 'number'],
  ],
  status: [['states', 'States', 'lines', 'One per line: value | tone | label']],
  switch: [
    ...PUBLISHING,
    ['onValue', 'Value that means on', 'text'],
    ['onPayload', 'Payload to switch on', 'text'],
    ['offPayload', 'Payload to switch off', 'text'],
  ],
  button: [...PUBLISHING, ['payload', 'Payload', 'text']],
  slider: [
    ...PUBLISHING,
    ['min', 'Minimum', 'number'],
    ['max', 'Maximum', 'number'],
    ['step', 'Step', 'number'],
    ['payload', 'Payload', 'text', '{value} is replaced by the number'],
  ],
  text: [],
};
const LIST_TEXT = {
  thresholds: lists.thresholdsToText,
  states: lists.statesToText,
  series: lists.seriesToText,
} as Record<string, (l: never) => string>;
const TEXT_LIST = {
  thresholds: lists.textToThresholds,
  states: lists.textToStates,
  series: lists.textToSeries,
} as Record<string, (t: string) => unknown[]>;
const NUMBERS = new Set([
  'staleAfterS',
  'decimals',
  'min',
  'max',
  'step',
  'windowS',
  'w',
  'h',
  'qos',
]);

type Draft = Record<string, string | boolean> & { kind: TileKind };

function toDraft(tile: Tile): Draft {
  const draft: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(tile)) {
    draft[key] = Array.isArray(value)
      ? LIST_TEXT[key]!(value as never)
      : typeof value === 'boolean'
        ? value
        : String(value);
  }
  return draft as Draft;
}

function fromDraft(draft: Draft): Record<string, unknown> {
  const tile: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft)) {
    if (typeof value === 'boolean') tile[key] = value;
    else if (key in TEXT_LIST) tile[key] = TEXT_LIST[key]!(value);
    else if (NUMBERS.has(key)) tile[key] = value.trim() === '' ? NaN : Number(value);
    else tile[key] = value;
  }
  return tile;
}

export function TileEditor(props: {
  tile: Tile;
  isNew: boolean;
  onSave: (tile: Tile) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = createStore<Draft>(toDraft(untrack(() => props.tile)));
  const [errors, setErrors] = createStore<{ list: string[] }>({ list: [] });
  const id = (key: string) => `tile-edit-${key}`;

  function changeKind(kind: TileKind) {
    const fresh = newTile(kind, String(draft.topic), String(draft.path));
    setDraft(toDraft({ ...fresh, id: String(draft.id), title: String(draft.title) }));
  }

  function save() {
    const checked = validateTile(fromDraft(draft));
    if (!checked.ok)
      return setErrors(
        'list',
        checked.errors.map((e) => e.replace(/^tile\./, '')),
      );
    setErrors('list', []);
    props.onSave(checked.value);
  }

  const field = (spec: Spec) => {
    const [key, label, input, hint] = spec;
    return (
      <Switch>
        <Match when={input === 'check'}>
          <Checkbox
            label={label}
            checked={draft[key] === true}
            onChange={(v) => setDraft(key, v)}
          />
        </Match>
        <Match when={input === 'qos'}>
          <Field label={label} for={id(key)}>
            <select
              id={id(key)}
              value={String(draft[key])}
              onChange={(e) => setDraft(key, e.currentTarget.value)}
            >
              <For each={['0', '1', '2']}>{(q) => <option value={q}>QoS {q}</option>}</For>
            </select>
          </Field>
        </Match>
        <Match when={input === 'lines'}>
          <Field label={label} for={id(key)} hint={hint}>
            <textarea
              id={id(key)}
              rows="3"
              spellcheck={false}
              value={String(draft[key] ?? '')}
              onInput={(e) => setDraft(key, e.currentTarget.value)}
            />
          </Field>
        </Match>
        <Match when={true}>
          <Field label={label} for={id(key)} hint={hint}>
            <input
              id={id(key)}
              type="text"
              inputmode={input === 'number' ? 'decimal' : undefined}
              spellcheck={false}
              value={String(draft[key] ?? '')}
              onInput={(e) => setDraft(key, e.currentTarget.value)}
            />
          </Field>
        </Match>
      </Switch>
    );
  };

  return (
    <section class="card tile-editor" aria-labelledby="tile-editor-title">
      <h2 id="tile-editor-title" class="card-title">
        {props.isNew ? 'Add tile' : 'Configure tile'}
      </h2>
      <form class="form editor-grid" novalidate onSubmit={(e) => (e.preventDefault(), save())}>
        <Field label="Kind" for={id('kind')}>
          <select
            id={id('kind')}
            value={draft.kind}
            disabled={!props.isNew}
            onChange={(e) => changeKind(e.currentTarget.value as TileKind)}
          >
            <For each={TILE_KINDS}>{(k) => <option value={k}>{TILE_KIND_LABELS[k]}</option>}</For>
          </select>
        </Field>
        {field(['title', 'Title', 'text'])}
        <Show when={draft.kind !== 'chart'}>
          {field(['topic', 'Topic', 'text', 'A topic, or a filter with + and #'])}
          {field([
            'path',
            'JSON path',
            'text',
            'Like temperature or a.b[0]; empty for the whole payload',
          ])}
        </Show>
        {field(['staleAfterS', 'Stale after (s)', 'number'])}
        <For each={OPTIONS[draft.kind]}>{(spec) => field(spec)}</For>
        <Show when={errors.list.length > 0}>
          <ul class="field-error editor-errors" role="alert">
            <For each={errors.list}>{(e) => <li>{e}</li>}</For>
          </ul>
        </Show>
        <div class="actions">
          <button type="submit" class="btn primary">
            {props.isNew ? 'Add tile' : 'Save tile'}
          </button>
          <button type="button" class="btn" onClick={() => props.onCancel()}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
