// What a profile's last will and MQTT 5 connect properties become in mqtt.js's CONNECT options.
// Pure; the profile was checked by profile-validation first.
import type { IClientOptions } from 'mqtt';
import { MAX_INCOMING_PACKET_BYTES } from '../../shared/mqtt/packet-limits';
import type { ConnectionProfile, UserProperties } from '../../shared/protocol';

type Will = NonNullable<IClientOptions['will']>;
type WillProperties = NonNullable<Will['properties']>;
type ConnectPacketProperties = NonNullable<IClientOptions['properties']>;

/**
 * MQTT binary data and a UTF-8 string share one encoding (a two-byte length, then the bytes), and
 * mqtt-packet writes a string given for binary data as UTF-8: the text goes as it is, so the
 * bytes on the wire are its UTF-8 encoding without a Uint8Array passing through mqtt.js's streams.
 */
function utf8Bytes(text: string): WillProperties['correlationData'] {
  return text as unknown as WillProperties['correlationData'];
}

/** A copy: mqtt.js must not keep a reference into the profile the caller still holds. */
function copyUserProperties(props: UserProperties): UserProperties {
  const out: UserProperties = {};
  for (const [name, value] of Object.entries(props)) {
    out[name] = Array.isArray(value) ? [...value] : value;
  }
  return out;
}

/** The will as mqtt.js sends it; MQTT 5 properties only on a 5.0 connection. */
export function willOption(profile: ConnectionProfile): Will | undefined {
  const will = profile.will;
  if (!will) return undefined;
  const out: Will = {
    topic: will.topic,
    payload: will.payload,
    qos: will.qos,
    retain: will.retain,
  };
  if (profile.protocolVersion !== 5) return out;
  const properties: WillProperties = {};
  if (will.delayIntervalS !== undefined) properties.willDelayInterval = will.delayIntervalS;
  if (will.messageExpiryIntervalS !== undefined) {
    properties.messageExpiryInterval = will.messageExpiryIntervalS;
  }
  if (will.contentType !== undefined) properties.contentType = will.contentType;
  if (will.payloadFormatIndicator !== undefined) {
    properties.payloadFormatIndicator = will.payloadFormatIndicator;
  }
  if (will.responseTopic !== undefined) properties.responseTopic = will.responseTopic;
  if (will.correlationData !== undefined)
    properties.correlationData = utf8Bytes(will.correlationData);
  if (will.userProperties !== undefined) {
    properties.userProperties = copyUserProperties(will.userProperties);
  }
  if (Object.keys(properties).length > 0) out.properties = properties;
  return out;
}

/**
 * The CONNECT properties of a 5.0 connection (session expiry aside). Maximum Packet Size is
 * always announced, and never above what the worker's byte guard lets through: a broker that
 * believed a larger one would send packets the guard must then refuse, ending the connection.
 */
export function connectProperties(profile: ConnectionProfile): ConnectPacketProperties {
  const wanted = profile.connectProperties ?? {};
  const properties: ConnectPacketProperties = {
    maximumPacketSize: Math.min(
      wanted.maximumPacketSize ?? MAX_INCOMING_PACKET_BYTES,
      MAX_INCOMING_PACKET_BYTES,
    ),
  };
  if (wanted.receiveMaximum !== undefined) properties.receiveMaximum = wanted.receiveMaximum;
  if (wanted.topicAliasMaximum !== undefined) {
    properties.topicAliasMaximum = wanted.topicAliasMaximum;
  }
  if (wanted.requestResponseInformation !== undefined) {
    properties.requestResponseInformation = wanted.requestResponseInformation;
  }
  if (wanted.requestProblemInformation !== undefined) {
    properties.requestProblemInformation = wanted.requestProblemInformation;
  }
  if (wanted.userProperties !== undefined) {
    properties.userProperties = copyUserProperties(wanted.userProperties);
  }
  return properties;
}
