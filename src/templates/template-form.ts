// Between the publish form and a saved payload: what "Save current as…" takes from the form and
// what "Load into form" puts back, MQTT 5 options included (as the form types them).
import type { PayloadTemplate, PublishOptions } from '../../shared/protocol';
import type { ConnectionStore } from '../connection/connection';
import type { PublishStore } from '../publish/publish';

/**
 * The publish form as a template's fields, or why it cannot be saved. The MQTT 5 options go only
 * when the connection form says 5.0, checked by the publish form's own rules (its chunk).
 */
export async function fromForm(
  publish: PublishStore,
  connection: ConnectionStore,
): Promise<Pick<PayloadTemplate, 'topic' | 'payload' | 'options'> | string> {
  const { topic, payload, qos, retain } = publish.form;
  const base: PublishOptions = { qos, retain };
  if (connection.form.protocolVersion !== 5) return { topic, payload, options: base };
  const { publishOptions5 } = await import('../mqtt5/publish-options');
  const built = publishOptions5(publish.form5, base, connection.status());
  if (!built.options) return built.summary.replace(/^Not sent/, 'Not saved');
  return { topic, payload, options: built.options };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function correlationText(bytes: Uint8Array): { correlation: string; correlationHex: boolean } {
  try {
    return { correlation: strictUtf8.decode(bytes), correlationHex: false };
  } catch {
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return { correlation: hex, correlationHex: true };
  }
}

/** Fills the publish form from a template; the MQTT 5 fields it does not set are cleared. */
export function intoForm(publish: PublishStore, t: PayloadTemplate): void {
  publish.setField('topic', t.topic);
  publish.setField('payload', t.payload);
  publish.setField('qos', t.options.qos);
  publish.setField('retain', t.options.retain);
  const o = t.options;
  const props = Object.entries(o.userProperties ?? {}).flatMap(([name, v]) =>
    [v].flat().map((value) => ({ name, value })),
  );
  publish.setForm5({
    contentType: o.contentType ?? '',
    utf8: o.payloadFormatIndicator === true,
    expiryS: o.messageExpiryIntervalS === undefined ? '' : String(o.messageExpiryIntervalS),
    responseTopic: o.responseTopic ?? '',
    ...(o.correlationData
      ? correlationText(o.correlationData)
      : { correlation: '', correlationHex: false }),
    userProperties: props,
    topicAlias: o.topicAlias === undefined ? '' : String(o.topicAlias),
  });
}

/** A short line of what a template sends besides its payload: "QoS 1 · retain · 5.0 options". */
export function badgeText(options: PublishOptions): string {
  const extra = Object.keys(options).some((k) => k !== 'qos' && k !== 'retain');
  return [`QoS ${options.qos}`, options.retain ? 'retain' : '', extra ? 'MQTT 5 options' : '']
    .filter(Boolean)
    .join(' · ');
}
