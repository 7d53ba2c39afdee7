// MQTT 5 properties of one message <-> compact tagged bytes, as packed inside history segments.
// The tags are on disk: never renumber one, only add new ones (unknown tags fail loudly).
import type { MessageProperties } from '../../../shared/protocol';

const TAG = {
  payloadFormatIndicator: 1,
  messageExpiryInterval: 2,
  topicAlias: 3,
  responseTopic: 4,
  correlationData: 5,
  userProperty: 6,
  subscriptionIdentifier: 7,
  contentType: 8,
} as const;

const utf8 = new TextEncoder();
const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/** A growable little-endian byte writer; properties are rare, so simplicity beats speed here. */
class ByteWriter {
  private bytes = new Uint8Array(64);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private room(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
  u8(value: number): void {
    this.room(1);
    this.view.setUint8(this.length, value);
    this.length += 1;
  }
  u32(value: number): void {
    this.room(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }
  f64(value: number): void {
    this.room(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }
  raw(value: Uint8Array): void {
    this.u32(value.byteLength);
    this.room(value.byteLength);
    this.bytes.set(value, this.length);
    this.length += value.byteLength;
  }
  text(value: string): void {
    this.raw(utf8.encode(value));
  }
  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

export function encodeProperties(props: MessageProperties): Uint8Array {
  const w = new ByteWriter();
  if (props.payloadFormatIndicator !== undefined) {
    w.u8(TAG.payloadFormatIndicator);
    w.u8(props.payloadFormatIndicator ? 1 : 0);
  }
  if (props.messageExpiryInterval !== undefined) {
    w.u8(TAG.messageExpiryInterval);
    w.f64(props.messageExpiryInterval);
  }
  if (props.topicAlias !== undefined) {
    w.u8(TAG.topicAlias);
    w.f64(props.topicAlias);
  }
  if (props.responseTopic !== undefined) {
    w.u8(TAG.responseTopic);
    w.text(props.responseTopic);
  }
  if (props.correlationData !== undefined) {
    w.u8(TAG.correlationData);
    w.raw(props.correlationData);
  }
  for (const [key, value] of Object.entries(props.userProperties ?? {})) {
    // One entry per key; the flag keeps a single string apart from a list of one.
    const values = Array.isArray(value) ? value : [value];
    w.u8(TAG.userProperty);
    w.text(key);
    w.u8(Array.isArray(value) ? 1 : 0);
    w.u32(values.length);
    for (const v of values) w.text(v);
  }
  if (props.subscriptionIdentifier !== undefined) {
    const ids = props.subscriptionIdentifier;
    const list = Array.isArray(ids) ? ids : [ids];
    w.u8(TAG.subscriptionIdentifier);
    w.u8(Array.isArray(ids) ? 1 : 0);
    w.u32(list.length);
    for (const id of list) w.f64(id);
  }
  if (props.contentType !== undefined) {
    w.u8(TAG.contentType);
    w.text(props.contentType);
  }
  return w.done();
}

/** Decodes what encodeProperties wrote; throws on truncated or unknown data. */
export function decodeProperties(bytes: Uint8Array): MessageProperties {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.byteLength) throw new RangeError('properties are truncated');
    const start = at;
    at += n;
    return start;
  };
  const u8 = () => view.getUint8(need(1));
  const u32 = () => view.getUint32(need(4), true);
  const f64 = () => view.getFloat64(need(8), true);
  const raw = () => {
    const length = u32();
    const start = need(length);
    return bytes.slice(start, start + length);
  };
  const text = () => utf8Fatal.decode(raw());
  // A corrupt count must not make us allocate billions of slots: each item takes bytes.
  const count = (minBytesEach: number) => {
    const n = u32();
    if (n * minBytesEach > bytes.byteLength - at) throw new RangeError('properties are truncated');
    return n;
  };

  const out: MessageProperties = {};
  while (at < bytes.byteLength) {
    const tag = u8();
    if (tag === TAG.payloadFormatIndicator) out.payloadFormatIndicator = u8() === 1;
    else if (tag === TAG.messageExpiryInterval) out.messageExpiryInterval = f64();
    else if (tag === TAG.topicAlias) out.topicAlias = f64();
    else if (tag === TAG.responseTopic) out.responseTopic = text();
    else if (tag === TAG.correlationData) out.correlationData = raw();
    else if (tag === TAG.userProperty) {
      const key = text();
      const isList = u8() === 1;
      const values = Array.from({ length: count(4) }, text);
      // defineProperty keeps a key such as "__proto__" plain data, as fromEntries does on encode.
      out.userProperties ??= {};
      Object.defineProperty(out.userProperties, key, {
        value: isList ? values : (values[0] ?? ''),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (tag === TAG.subscriptionIdentifier) {
      const isList = u8() === 1;
      const ids = Array.from({ length: count(8) }, f64);
      out.subscriptionIdentifier = isList ? ids : (ids[0] ?? 0);
    } else if (tag === TAG.contentType) out.contentType = text();
    else throw new RangeError(`unknown property tag ${tag}`);
  }
  return out;
}
