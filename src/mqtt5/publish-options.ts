// Turns the publish form's MQTT 5 options, as typed, into PublishOptions, with a message in words
// for every field that cannot be sent, by the worker's own rules (publish-properties.ts). What
// depends on the whole packet (its size, the payload format) the worker refuses in its answer.
import type { PublishOptions, StatusEvent, UserProperties } from '../../shared/protocol';
import { USER_PROPERTIES_MAX, propertiesSize } from '../../shared/mqtt/publish-properties';
import type { TopicAliasLimit } from '../../shared/mqtt/publish-properties';

export interface UserPropertyRow {
  name: string;
  value: string;
}

/** The MQTT 5 options as typed; publishOptions5 turns them into PublishOptions. */
export interface Publish5Form {
  contentType: string;
  utf8: boolean;
  expiryS: string;
  responseTopic: string;
  correlation: string;
  correlationHex: boolean;
  userProperties: UserPropertyRow[];
  topicAlias: string;
}

/** Inline errors of the MQTT 5 options, by field (`userProperties.3` for a row). */
export type Publish5Errors = Record<string, string>;

export interface Built5 {
  /** Set when every option can be sent. */
  options?: PublishOptions;
  errors: Publish5Errors;
  /** What the form says when something cannot be sent. */
  summary: string;
}

const utf8 = new TextEncoder();

/** The worker's own rule for one field (publish-properties.ts), or undefined when it passes. */
function fieldError(field: Partial<PublishOptions>, aliasMax: TopicAliasLimit): string | undefined {
  const size = propertiesSize({ qos: 0, retain: false, ...field }, 5, aliasMax);
  return typeof size === 'number' ? undefined : size.message;
}

/** A number as typed: NaN for anything else, which the worker's rule then names. */
const numberOf = (text: string) => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : NaN);

/** Hex digits in pairs, spaces allowed ("de ad be ef"), or the message. */
export function parseHex(text: string): Uint8Array | string {
  const digits = text.replace(/\s+/g, '');
  const bad = digits.search(/[^0-9a-f]/i);
  if (bad >= 0) {
    return `Correlation data in hex takes only 0–9, a–f and spaces; "${digits.charAt(bad)}" is not a hex digit.`;
  }
  if (digits.length % 2 === 1) {
    return `Correlation data in hex needs two digits per byte; ${digits.length} digits is an odd count.`;
  }
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

function userProperties(rows: Publish5Form['userProperties'], errors: Publish5Errors) {
  const out: UserProperties = {};
  rows.forEach((row, i) => {
    // MQTT allows an empty name, but in a form it is a row left blank by mistake.
    const problem =
      row.name === ''
        ? 'A user property needs a name.'
        : fieldError({ userProperties: { [row.name]: row.value } }, undefined);
    if (problem) errors[`userProperties.${i}`] = problem;
    const had = out[row.name];
    out[row.name] = had === undefined ? row.value : [had, row.value].flat();
  });
  if (rows.length > USER_PROPERTIES_MAX) {
    errors.userProperties = `At most ${USER_PROPERTIES_MAX} user properties.`;
  }
  return rows.length > 0 ? out : undefined;
}

/**
 * Builds the options of a publish on the MQTT 5 connection whose status is `status` (its
 * CONNACK's limits apply when connected).
 */
export function publishOptions5(
  form: Publish5Form,
  base: PublishOptions,
  status: StatusEvent,
): Built5 {
  const broker = status.state === 'connected' ? status.broker : undefined;
  // The worker's convention: 0 when the CONNACK sent no Topic Alias Maximum, undefined before.
  const aliasMax = broker && (broker.topicAliasMaximum ?? 0);
  const errors: Publish5Errors = {};
  const options: PublishOptions = { ...base };
  const set = <K extends keyof PublishOptions>(key: K, value: PublishOptions[K], at: string) => {
    const problem = fieldError({ [key]: value }, aliasMax);
    if (problem) errors[at] = problem;
    else options[key] = value;
  };
  if (form.contentType !== '') set('contentType', form.contentType, 'contentType');
  if (form.utf8) options.payloadFormatIndicator = true;
  if (form.expiryS.trim() !== '') {
    set('messageExpiryIntervalS', numberOf(form.expiryS), 'expiryS');
  }
  if (form.responseTopic !== '') set('responseTopic', form.responseTopic, 'responseTopic');
  if (form.correlation !== '') {
    const bytes = form.correlationHex ? parseHex(form.correlation) : utf8.encode(form.correlation);
    if (typeof bytes === 'string') errors.correlation = bytes;
    else set('correlationData', bytes, 'correlation');
  }
  const props = userProperties(form.userProperties, errors);
  if (props) options.userProperties = props;
  if (form.topicAlias.trim() !== '') set('topicAlias', numberOf(form.topicAlias), 'topicAlias');

  const count = Object.keys(errors).length;
  if (count > 0) {
    const what = count === 1 ? 'one MQTT 5 option needs' : `${count} MQTT 5 options need`;
    return { errors, summary: `Not sent: ${what} fixing (marked above).` };
  }
  return { options, errors, summary: '' };
}
