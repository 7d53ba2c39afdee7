// What one outbox entry becomes on the wire: its MQTT 5 properties as mqtt.js takes them, its
// message expiry reduced by the time it waited in the outbox, and its topic alias used only on
// the connection that registered it (mqtt.js forgets aliases per connection).
import type { IClientPublishOptions } from 'mqtt';
import type { OutboxRow } from './outbox-rules';
import type { DeckError, PublishOptions } from '../../shared/protocol';

type SendProperties = NonNullable<IClientPublishOptions['properties']>;

export type SendPacket = { topic: string; properties: SendProperties } | { error: DeckError };

/**
 * The topic and properties to publish `row` with. `options` are its validated options (without
 * `topicAlias` when the alias is not to be used); `aliases` the alias -> topic registrations of
 * this connection, updated here: the first use of an alias sends the topic with it, the next
 * ones an empty topic.
 */
export function sendProperties(
  row: OutboxRow,
  options: PublishOptions,
  aliases: Map<number, string>,
  now: number,
): SendPacket {
  const properties: SendProperties = {};
  if (options.userProperties) properties.userProperties = options.userProperties;
  if (options.contentType !== undefined) properties.contentType = options.contentType;
  if (options.payloadFormatIndicator !== undefined) {
    properties.payloadFormatIndicator = options.payloadFormatIndicator;
  }
  if (options.responseTopic !== undefined) properties.responseTopic = options.responseTopic;
  if (options.correlationData !== undefined) {
    // mqtt-packet writes any Uint8Array; its types say Buffer.
    properties.correlationData = options.correlationData as SendProperties['correlationData'];
  }
  const expiry = options.messageExpiryIntervalS;
  if (expiry !== undefined && expiry > 0) {
    // The broker counts from when it receives the message: take off the time it waited here.
    const waitedS = Math.max(0, Math.floor((now - row.createdAt) / 1_000));
    if (waitedS >= expiry) {
      const message = `Its message expiry (${expiry.toLocaleString('en')} s) passed while it waited in the outbox; it was not sent.`;
      return { error: { code: 'refused', message } };
    }
    properties.messageExpiryInterval = expiry - waitedS;
  } else if (expiry !== undefined) {
    properties.messageExpiryInterval = expiry;
  }
  let topic = row.topic;
  const alias = options.topicAlias;
  if (alias !== undefined) {
    properties.topicAlias = alias;
    if (aliases.get(alias) === row.topic) topic = '';
    else aliases.set(alias, row.topic);
  }
  return { topic, properties };
}
