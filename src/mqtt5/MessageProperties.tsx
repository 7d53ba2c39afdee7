// Every MQTT 5 property of a received message in words, each value a text node, bounded: long
// values are cut (with "Show all"), and many user properties show the first few until asked.
import { For, Show, createSignal } from 'solid-js';
import type { MessageProperties as Props } from '../../shared/protocol';
import { decodeUtf8, toHex, visibleControls } from '../ui/payload-format';

/** Characters of one value shown before "Show all". */
const VALUE_SHOWN_CHARS = 200;
/** Characters of a user property's name shown (a name has no "Show all": it is a label). */
const NAME_SHOWN_CHARS = 120;
/** Properties listed before "Show all N properties" (a sender may attach thousands). */
const ENTRIES_SHOWN = 40;

interface Entry {
  name: string;
  value: string;
  /** A user property: the name is the sender's, not ours. */
  user?: boolean;
}

/** Correlation data as text when it is UTF-8 (most are), else in hex. */
export function correlationText(data: Uint8Array, cut = false): string {
  const text = decodeUtf8(data, cut);
  return text === null ? `${toHex(data)} (hex)` : visibleControls(text);
}

export function propertyEntries(p: Props): Entry[] {
  const out: Entry[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined) out.push({ name, value });
  };
  add('Content type', p.contentType);
  if (p.payloadFormatIndicator !== undefined) {
    add('Payload format', p.payloadFormatIndicator ? 'UTF-8 text' : 'bytes');
  }
  if (p.messageExpiryInterval !== undefined) {
    add('Message expiry', `${p.messageExpiryInterval} s`);
  }
  add('Response topic', p.responseTopic);
  if (p.correlationData !== undefined) add('Correlation data', correlationText(p.correlationData));
  add('Topic alias', p.topicAlias?.toString());
  if (p.subscriptionIdentifier !== undefined) {
    const ids = [p.subscriptionIdentifier].flat();
    add(`Subscription identifier${ids.length > 1 ? 's' : ''}`, ids.join(', '));
  }
  for (const [name, value] of Object.entries(p.userProperties ?? {})) {
    const label = name.length > NAME_SHOWN_CHARS ? `${name.slice(0, NAME_SHOWN_CHARS)}…` : name;
    for (const v of [value].flat()) out.push({ name: label, value: v, user: true });
  }
  return out;
}

function Value(props: { entry: Entry }) {
  const [all, setAll] = createSignal(false);
  const long = () => props.entry.value.length > VALUE_SHOWN_CHARS;
  return (
    <dd class="mono">
      {all() || !long() ? props.entry.value : `${props.entry.value.slice(0, VALUE_SHOWN_CHARS)}…`}
      <Show when={long()}>
        <button
          type="button"
          class="btn small ghost"
          aria-label={`${all() ? 'Show less' : 'Show all'} of ${props.entry.name.slice(0, 60)}`}
          onClick={() => setAll(!all())}
        >
          {all()
            ? 'Show less'
            : `Show all (${props.entry.value.length.toLocaleString('en')} characters)`}
        </button>
      </Show>
    </dd>
  );
}

export function MessageProperties(props: { properties: Props }) {
  const [all, setAll] = createSignal(false);
  const list = () => propertyEntries(props.properties);
  const shown = () => (all() ? list() : list().slice(0, ENTRIES_SHOWN));

  return (
    <Show when={list().length > 0}>
      <h3 class="section-title">MQTT 5 properties</h3>
      <dl class="props mqtt5-list" aria-label="MQTT 5 properties">
        <For each={shown()}>
          {(entry) => (
            <>
              <dt classList={{ user: entry.user }}>{entry.name}</dt>
              <Value entry={entry} />
            </>
          )}
        </For>
      </dl>
      <Show when={list().length > shown().length}>
        <button type="button" class="btn small" onClick={() => setAll(true)}>
          Show all {list().length.toLocaleString('en')} properties
        </button>
      </Show>
    </Show>
  );
}
