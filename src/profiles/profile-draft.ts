// The profile editor's model: a ConnectionProfile as the form holds it (numbers as typed text,
// user properties as rows) and back, with the words for numbers that do not parse.
import type {
  ConnectProperties,
  ConnectionProfile,
  MqttVersion,
  Qos,
  ReconnectPolicy,
  UserProperties,
  WillMessage,
} from '../../shared/protocol';
import { connectionId, randomClientId } from '../connection/connection-id';

export interface PropRow {
  name: string;
  value: string;
}

export interface ProfileDraft {
  name: string;
  url: string;
  fallbackUrls: string[];
  clientId: string;
  username: string;
  password: string;
  rememberPassword: boolean;
  keepaliveS: string;
  protocolVersion: MqttVersion;
  persistent: boolean;
  sessionExpiryS: string;
  willOn: boolean;
  willTopic: string;
  willPayload: string;
  willQos: Qos;
  willRetain: boolean;
  willDelayS: string;
  willExpiryS: string;
  willContentType: string;
  willUtf8: boolean;
  willResponseTopic: string;
  willCorrelation: string;
  willProps: PropRow[];
  receiveMaximum: string;
  maximumPacketSize: string;
  topicAliasMaximum: string;
  requestResponseInfo: boolean;
  requestProblemInfo: boolean;
  connectProps: PropRow[];
  reconnectOn: boolean;
  firstDelayMs: string;
  longestDelayMs: string;
  maxAttempts: string;
}

/** The app's own reconnect default (mqtt-session): 1 s doubling to 30 s, forever. */
const DEFAULT_RECONNECT: ReconnectPolicy = {
  enabled: true,
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxAttempts: 0,
};

const str = (n: number | undefined) => (n === undefined ? '' : String(n));
const rows = (p: UserProperties | undefined): PropRow[] =>
  Object.entries(p ?? {}).flatMap(([name, v]) => [v].flat().map((value) => ({ name, value })));

export function draftFrom(name: string, p: ConnectionProfile): ProfileDraft {
  const w = p.will;
  const c = p.connectProperties ?? {};
  const r = p.reconnect ?? DEFAULT_RECONNECT;
  return {
    name,
    url: p.url,
    fallbackUrls: [...(p.fallbackUrls ?? [])],
    clientId: p.clientId,
    username: p.username,
    password: p.rememberPassword === true ? p.password : '',
    rememberPassword: p.rememberPassword === true,
    keepaliveS: String(p.keepaliveS),
    protocolVersion: p.protocolVersion,
    persistent: !p.cleanStart,
    sessionExpiryS: str(p.sessionExpiryS),
    willOn: w !== undefined,
    willTopic: w?.topic ?? '',
    willPayload: w?.payload ?? '',
    willQos: w?.qos ?? 0,
    willRetain: w?.retain ?? false,
    willDelayS: str(w?.delayIntervalS),
    willExpiryS: str(w?.messageExpiryIntervalS),
    willContentType: w?.contentType ?? '',
    willUtf8: w?.payloadFormatIndicator === true,
    willResponseTopic: w?.responseTopic ?? '',
    willCorrelation: w?.correlationData ?? '',
    willProps: rows(w?.userProperties),
    receiveMaximum: str(c.receiveMaximum),
    maximumPacketSize: str(c.maximumPacketSize),
    topicAliasMaximum: str(c.topicAliasMaximum),
    requestResponseInfo: c.requestResponseInformation === true,
    requestProblemInfo: c.requestProblemInformation !== false,
    connectProps: rows(c.userProperties),
    reconnectOn: r.enabled,
    firstDelayMs: String(r.initialDelayMs),
    longestDelayMs: String(r.maxDelayMs),
    maxAttempts: String(r.maxAttempts),
  };
}

/** Field (control id) → why its text is not a number it can take. */
export type DraftErrors = Partial<Record<string, string>>;

function props(list: PropRow[]): UserProperties | undefined {
  const out: Record<string, string[]> = {};
  for (const { name, value } of list) (out[name] ??= []).push(value);
  const entries = Object.entries(out).map(([k, v]) => [k, v.length === 1 ? v[0]! : v] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Reads the draft: the profile (for profileError to judge), or the numbers that did not parse. */
export function profileFromDraft(
  d: ProfileDraft,
): { profile: ConnectionProfile } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  /** Blank is "not set" unless required; ranges are profileError's to judge. */
  const whole = (id: string, text: string, label: string, required = false) => {
    const t = text.trim();
    if (t === '') {
      if (required) errors[id] = `Enter ${label.toLowerCase()}.`;
      return undefined;
    }
    const n = Number(t);
    if (Number.isSafeInteger(n) && n >= 0) return n;
    errors[id] = `${label} must be a whole number, 0 or more ("${t.slice(0, 20)}" is not).`;
    return undefined;
  };
  const v5 = d.protocolVersion === 5;
  const url = d.url.trim();
  const profile: ConnectionProfile = {
    id: connectionId(url, d.clientId.trim()),
    url,
    clientId: d.clientId.trim(),
    username: d.username,
    password: d.password,
    rememberPassword: d.rememberPassword,
    keepaliveS: whole('pe-keepalive', d.keepaliveS, 'Keepalive (s)', true) ?? 0,
    cleanStart: !d.persistent,
    protocolVersion: d.protocolVersion,
  };
  const expiry = whole('pe-expiry', d.sessionExpiryS, 'Session expiry (s)');
  if (v5 && d.persistent && expiry !== undefined) profile.sessionExpiryS = expiry;
  const fallbacks = d.fallbackUrls.map((u) => u.trim()).filter((u) => u !== '');
  if (fallbacks.length > 0) profile.fallbackUrls = fallbacks;
  if (d.willOn) {
    const w: WillMessage = {
      topic: d.willTopic,
      payload: d.willPayload,
      qos: d.willQos,
      retain: d.willRetain,
    };
    if (v5) {
      w.delayIntervalS = whole('pe-will-delay', d.willDelayS, 'Will delay (s)');
      w.messageExpiryIntervalS = whole('pe-will-expiry', d.willExpiryS, 'Will expiry (s)');
      if (d.willContentType !== '') w.contentType = d.willContentType;
      if (d.willUtf8) w.payloadFormatIndicator = true;
      if (d.willResponseTopic !== '') w.responseTopic = d.willResponseTopic;
      if (d.willCorrelation !== '') w.correlationData = d.willCorrelation;
      w.userProperties = props(d.willProps);
    }
    profile.will = defined(w);
  }
  if (v5) {
    const c = defined<ConnectProperties>({
      receiveMaximum: whole('pe-receive-max', d.receiveMaximum, 'Receive maximum'),
      maximumPacketSize: whole('pe-packet-max', d.maximumPacketSize, 'Maximum packet size'),
      topicAliasMaximum: whole('pe-alias-max', d.topicAliasMaximum, 'Topic alias maximum'),
      requestResponseInformation: d.requestResponseInfo ? true : undefined,
      // MQTT's default is on: only "off" needs saying.
      requestProblemInformation: d.requestProblemInfo ? undefined : false,
      userProperties: props(d.connectProps),
    });
    if (Object.keys(c).length > 0) profile.connectProperties = c;
  }
  profile.reconnect = {
    enabled: d.reconnectOn,
    initialDelayMs: whole('pe-first-delay', d.firstDelayMs, 'First retry delay (ms)', true) ?? 0,
    maxDelayMs: whole('pe-longest-delay', d.longestDelayMs, 'Longest retry delay (ms)', true) ?? 0,
    maxAttempts: whole('pe-attempts', d.maxAttempts, 'Attempts before giving up', true) ?? 0,
  };
  return Object.keys(errors).length > 0 ? { errors } : { profile };
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A new profile's starting point: the connection form's own defaults. */
export function blankProfile(): ConnectionProfile {
  return {
    id: '',
    url: 'wss://',
    clientId: randomClientId(),
    username: '',
    password: '',
    keepaliveS: 60,
    cleanStart: true,
    protocolVersion: 4,
  };
}
