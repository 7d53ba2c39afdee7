// The MQTT 5 properties of a message: shown by the MQTT 5 chunk, fetched with the first message
// that has any, so a 3.1.1 user never loads it.
import { Show } from 'solid-js';
import type { MessageProperties } from '../../shared/protocol';
import { mqtt5View } from '../mqtt5/mqtt5-view';

const Properties = mqtt5View((m) => m.MessageProperties, 'The message properties');

export function PropertiesList(props: { properties: MessageProperties | undefined }) {
  return <Show when={props.properties}>{(p) => <Properties properties={p()} />}</Show>;
}
