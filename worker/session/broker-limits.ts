// What an MQTT 5 CONNACK told us about the broker, reduced to the cloneable, bounded BrokerLimits
// the status shows, and the Assigned Client Identifier the session adopts.
import type { IConnackPacket } from 'mqtt';
import type { BrokerLimits, Qos, UserProperties } from '../../shared/protocol';

/** The broker's strings reach the UI on every status: long ones are cut, not carried whole. */
export const MAX_BROKER_TEXT_CHARS = 1_024;
export const MAX_BROKER_USER_PROPERTIES = 32;

const cut = (text: string) =>
  text.length > MAX_BROKER_TEXT_CHARS ? `${text.slice(0, MAX_BROKER_TEXT_CHARS)}…` : text;

function boundedUserProperties(props: UserProperties): UserProperties | undefined {
  const out: UserProperties = {};
  let pairs = 0;
  for (const [name, value] of Object.entries(props)) {
    const values = (Array.isArray(value) ? value : [value]).slice(
      0,
      MAX_BROKER_USER_PROPERTIES - pairs,
    );
    if (values.length === 0) break;
    pairs += values.length;
    const texts = values.map((v) => cut(String(v)));
    out[cut(name)] = texts.length === 1 ? texts[0]! : texts;
  }
  return pairs > 0 ? out : undefined;
}

/** BrokerLimits from a CONNACK; undefined when it carried no properties (3.1.1, or none sent). */
export function brokerLimitsOf(packet: IConnackPacket | undefined): BrokerLimits | undefined {
  const p = packet?.properties;
  if (!p) return undefined;
  const limits: BrokerLimits = {};
  if (p.receiveMaximum !== undefined) limits.receiveMaximum = p.receiveMaximum;
  if (p.maximumPacketSize !== undefined) limits.maximumPacketSize = p.maximumPacketSize;
  if (p.topicAliasMaximum !== undefined) limits.topicAliasMaximum = p.topicAliasMaximum;
  if (p.serverKeepAlive !== undefined) limits.serverKeepAliveS = p.serverKeepAlive;
  if (p.maximumQoS !== undefined) limits.maximumQoS = Math.min(p.maximumQoS, 2) as Qos;
  if (p.retainAvailable !== undefined) limits.retainAvailable = p.retainAvailable;
  if (p.wildcardSubscriptionAvailable !== undefined) {
    limits.wildcardSubscriptionAvailable = p.wildcardSubscriptionAvailable;
  }
  if (p.subscriptionIdentifiersAvailable !== undefined) {
    limits.subscriptionIdentifiersAvailable = p.subscriptionIdentifiersAvailable;
  }
  if (p.sharedSubscriptionAvailable !== undefined) {
    limits.sharedSubscriptionAvailable = p.sharedSubscriptionAvailable;
  }
  if (p.responseInformation !== undefined) {
    limits.responseInformation = cut(p.responseInformation);
  }
  if (p.serverReference !== undefined) limits.serverReference = cut(p.serverReference);
  if (p.reasonString !== undefined) limits.reasonString = cut(p.reasonString);
  if (p.userProperties !== undefined) {
    const props = boundedUserProperties(p.userProperties);
    if (props) limits.userProperties = props;
  }
  return limits;
}

/** The client ID the broker assigned (MQTT 5, when we sent an empty one), if it did. */
export function assignedClientId(packet: IConnackPacket): string | undefined {
  const id = packet.properties?.assignedClientIdentifier;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
