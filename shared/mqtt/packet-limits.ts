// The app's own packet-size limit, one number both sides read: the worker announces and enforces
// it, the profile check refuses a Maximum Packet Size above it.

/** The largest packet taken from a broker: announced in an MQTT 5 CONNECT, enforced for both. */
export const MAX_INCOMING_PACKET_BYTES = 16 * 1024 * 1024;
