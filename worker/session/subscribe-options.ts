// MQTT 5 subscription options (§3.8.3.1) checked field by field, each named in its refusal, and
// turned into what mqtt.js sends: nl, rap, rh and the Subscription Identifier property.
import type { IClientSubscribeOptions, IConnackPacket } from 'mqtt';
import type { DeckError, MqttVersion, Qos, SubscribeOptions } from '../../shared/protocol/index';

/** A Variable Byte Integer's largest value (§3.8.2.1.2): the top Subscription Identifier. */
export const SUBSCRIPTION_ID_MAX = 268_435_455;

const FIELD_NAMES: Readonly<Record<keyof SubscribeOptions, string>> = {
  noLocal: 'No local',
  retainAsPublished: 'Retain as published',
  retainHandling: 'Retain handling',
  subscriptionIdentifier: 'Subscription identifier',
};

const invalid = (message: string): DeckError => ({ code: 'invalid-option', message });

function fieldError(field: keyof SubscribeOptions, value: unknown): string | undefined {
  const name = FIELD_NAMES[field];
  switch (field) {
    case 'noLocal':
    case 'retainAsPublished':
      return typeof value === 'boolean' ? undefined : `${name} must be on or off.`;
    case 'retainHandling':
      return value === 0 || value === 1 || value === 2
        ? undefined
        : `${name} must be 0 (send retained messages), 1 (only for a new subscription) or 2 (never).`;
    case 'subscriptionIdentifier':
      return Number.isInteger(value) &&
        (value as number) >= 1 &&
        (value as number) <= SUBSCRIPTION_ID_MAX
        ? undefined
        : `${name} must be a whole number from 1 to ${SUBSCRIPTION_ID_MAX.toLocaleString('en')}.`;
  }
}

/**
 * Why `options` cannot be sent on this connection, or undefined. On 3.1.1 any option set is
 * refused by name; a subscription identifier is refused when the broker's CONNACK said it has none.
 */
export function subscribeOptionsError(
  options: SubscribeOptions,
  version: MqttVersion,
  connack?: Pick<IConnackPacket, 'properties'>,
): DeckError | undefined {
  if (typeof options !== 'object' || options === null) {
    return invalid('Subscription options must be an object.');
  }
  for (const field of Object.keys(FIELD_NAMES) as (keyof SubscribeOptions)[]) {
    const value = options[field];
    if (value === undefined) continue;
    if (version !== 5) {
      return invalid(`${FIELD_NAMES[field]} needs MQTT 5; this connection uses 3.1.1.`);
    }
    const error = fieldError(field, value);
    if (error) return invalid(error);
  }
  const available = connack?.properties?.subscriptionIdentifiersAvailable;
  if (options.subscriptionIdentifier !== undefined && available === false) {
    return invalid(
      'Subscription identifier: this broker does not support subscription identifiers.',
    );
  }
  return undefined;
}

/** The options mqtt.js sends for one filter; only those set (mqtt.js's defaults are the spec's). */
export function toClientOptions(
  qos: Qos,
  options: SubscribeOptions | undefined,
): IClientSubscribeOptions {
  const out: IClientSubscribeOptions = { qos };
  if (!options) return out;
  if (options.noLocal !== undefined) out.nl = options.noLocal;
  if (options.retainAsPublished !== undefined) out.rap = options.retainAsPublished;
  if (options.retainHandling !== undefined) out.rh = options.retainHandling;
  if (options.subscriptionIdentifier !== undefined) {
    out.properties = { subscriptionIdentifier: options.subscriptionIdentifier };
  }
  return out;
}
