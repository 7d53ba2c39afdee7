// The MQTT 5 properties of a message, every value shown as text.
import { For, Show } from 'solid-js';
import type { MessageProperties } from '../../worker/protocol';
import { toHex } from '../lib/payload-format';

interface Entry {
  name: string;
  value: string;
  /** A user property: the name is the sender's, not ours. */
  user?: boolean;
}

function entries(p: MessageProperties): Entry[] {
  const out: Entry[] = [];
  if (p.contentType !== undefined) out.push({ name: 'Content type', value: p.contentType });
  if (p.payloadFormatIndicator !== undefined) {
    out.push({ name: 'Payload format', value: p.payloadFormatIndicator ? 'UTF-8 text' : 'bytes' });
  }
  if (p.responseTopic !== undefined) out.push({ name: 'Response topic', value: p.responseTopic });
  if (p.correlationData !== undefined)
    out.push({ name: 'Correlation data', value: toHex(p.correlationData) });
  if (p.messageExpiryInterval !== undefined) {
    out.push({ name: 'Message expiry', value: `${p.messageExpiryInterval} s` });
  }
  if (p.topicAlias !== undefined) out.push({ name: 'Topic alias', value: String(p.topicAlias) });
  if (p.subscriptionIdentifier !== undefined) {
    out.push({
      name: 'Subscription identifier',
      value: [p.subscriptionIdentifier].flat().join(', '),
    });
  }
  for (const [key, value] of Object.entries(p.userProperties ?? {})) {
    for (const v of [value].flat()) out.push({ name: key, value: v, user: true });
  }
  return out;
}

export function PropertiesList(props: { properties: MessageProperties | undefined }) {
  const list = () => (props.properties ? entries(props.properties) : []);

  return (
    <Show when={list().length > 0}>
      <h3 class="section-title">MQTT 5 properties</h3>
      <dl class="props">
        <For each={list()}>
          {(entry) => (
            <>
              <dt classList={{ user: entry.user }}>{entry.name}</dt>
              <dd class="mono">{entry.value}</dd>
            </>
          )}
        </For>
      </dl>
    </Show>
  );
}
