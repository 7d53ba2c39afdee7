// The Explore filter form: topic filter, time range, payload text, direction, QoS and retained,
// applied on Search (or Enter), shown again whenever the filter is set from elsewhere.
import { For, createEffect, createMemo, createSignal, on } from 'solid-js';
import { Checkbox, Field, FieldError, errorAttrs } from '../../ui/Field';
import { useExplorer, type ExplorerFilter } from '../explorer';
import { EMPTY_FIELDS, fieldsOf, parseFields, type FilterFields } from './filter-fields';

const QOS_LEVELS = [0, 1, 2] as const;

export function FilterForm(props: { id: string }) {
  const explorer = useExplorer();
  const [fields, setFields] = createSignal<FilterFields>(fieldsOf(explorer.filter()));
  const parsed = createMemo(() => parseFields(fields()));
  const errors = () => parsed().errors;
  /** The filter this form applied last: shown as typed, not as parsed back. */
  let applied: ExplorerFilter | undefined;

  createEffect(
    on(explorer.filter, (filter) => {
      if (filter !== applied) setFields(fieldsOf(filter));
    }),
  );

  const set = <K extends keyof FilterFields>(key: K, value: FilterFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));
  const id = (name: string) => `${props.id}-${name}`;

  function search(): void {
    const filter = parsed().filter;
    if (!filter) return;
    applied = filter;
    explorer.setFilter(filter);
  }

  function clear(): void {
    setFields(EMPTY_FIELDS);
    applied = {};
    explorer.setFilter(applied);
  }

  return (
    <form
      class="form explore-form"
      id={props.id}
      aria-label="Filter history"
      novalidate
      onSubmit={(event) => {
        event.preventDefault();
        search();
      }}
    >
      <Field label="Topic filter" for={id('topic')} error={errors().topicFilter}>
        <input
          id={id('topic')}
          type="text"
          class="mono"
          placeholder="sensors/+/temperature or #"
          autocomplete="off"
          spellcheck={false}
          value={fields().topicFilter}
          onInput={(e) => set('topicFilter', e.currentTarget.value)}
          {...errorAttrs(id('topic'), errors().topicFilter)}
        />
      </Field>
      <div class="explore-range">
        <Field label="From" for={id('from')} error={errors().from}>
          <input
            id={id('from')}
            type="datetime-local"
            step="1"
            value={fields().from}
            onInput={(e) => set('from', e.currentTarget.value)}
            {...errorAttrs(id('from'), errors().from)}
          />
        </Field>
        <Field label="To" for={id('to')} error={errors().to}>
          <input
            id={id('to')}
            type="datetime-local"
            step="1"
            value={fields().to}
            onInput={(e) => set('to', e.currentTarget.value)}
            {...errorAttrs(id('to'), errors().to)}
          />
        </Field>
      </div>
      <Field label="Payload text" for={id('text')} error={errors().text}>
        <input
          id={id('text')}
          type="text"
          class="mono"
          autocomplete="off"
          spellcheck={false}
          value={fields().text}
          onInput={(e) => set('text', e.currentTarget.value)}
          {...errorAttrs(id('text'), errors().text)}
        />
      </Field>
      <div class="explore-checks">
        <Checkbox
          label="Regular expression"
          checked={fields().regex}
          onChange={(v) => set('regex', v)}
        />
        <Checkbox
          label="Ignore case"
          checked={fields().ignoreCase}
          onChange={(v) => set('ignoreCase', v)}
        />
      </div>
      <div class="row-2">
        <Field label="Direction" for={id('direction')}>
          <select
            id={id('direction')}
            value={fields().direction}
            onChange={(e) => set('direction', e.currentTarget.value as FilterFields['direction'])}
          >
            <option value="any">Any</option>
            <option value="received">Received</option>
            <option value="published">Published</option>
          </select>
        </Field>
        <Field label="Retained" for={id('retained')}>
          <select
            id={id('retained')}
            value={fields().retained}
            onChange={(e) => set('retained', e.currentTarget.value as FilterFields['retained'])}
          >
            <option value="any">Any</option>
            <option value="only">Only retained</option>
            <option value="not">Not retained</option>
          </select>
        </Field>
      </div>
      <fieldset class="explore-qos" {...errorAttrs(id('qos'), errors().qos)}>
        <legend>QoS</legend>
        <For each={QOS_LEVELS}>
          {(level) => (
            <Checkbox
              label={`QoS ${level}`}
              checked={fields().qos[level]}
              onChange={(v) => {
                const qos = [...fields().qos] as FilterFields['qos'];
                qos[level] = v;
                set('qos', qos);
              }}
            />
          )}
        </For>
        <FieldError for={id('qos')} error={errors().qos} />
      </fieldset>
      <div class="actions">
        <button type="submit" class="btn primary">
          Search
        </button>
        <button type="button" class="btn" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
}
