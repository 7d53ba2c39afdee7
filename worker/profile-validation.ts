// Checks a connection profile before any connection attempt: the URL must be ws:// or wss:// with
// a host, and the fields mqtt.js would otherwise throw on (or send on to the broker) must be sane.
import { mqttStringError } from './mqtt-topics';
import type { ConnectionProfile, DeckError } from './protocol';

export const MAX_KEEPALIVE_S = 65_535;
/** MQTT 5 Session Expiry Interval is a four-byte integer (§3.1.2.11.2). */
export const MAX_SESSION_EXPIRY_S = 4_294_967_295;
const MAX_PASSWORD_BYTES = 65_535;

/** Returns why `url` cannot be a broker URL, or null when it can. */
export function brokerUrlError(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed === '') return 'Enter the broker URL, for example ws://localhost:9001/mqtt.';
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return `"${trimmed}" is not a URL. Use ws://host:port/path or wss://host:port/path.`;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    const scheme = parsed.protocol.replace(/:$/, '');
    return `A browser reaches MQTT brokers over WebSockets only: use ws:// or wss://, not ${scheme}://.`;
  }
  if (parsed.hostname === '') return 'The broker URL has no host name.';
  if (parsed.username !== '' || parsed.password !== '') {
    // A URL ends up in logs, history and the address bar: credentials belong in their fields.
    return 'Put the username and password in their own fields, not in the broker URL.';
  }
  if (parsed.hash !== '' || trimmed.includes('#')) {
    return 'A WebSocket URL cannot have a fragment ("#..."); remove it from the broker URL.';
  }
  return null;
}

/** The password is binary data in MQTT: any character will do, as long as it encodes faithfully. */
function passwordProblem(password: string): string | null {
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(password)) {
    return 'The password contains a lone surrogate, which cannot be encoded as UTF-8.';
  }
  if (password.length * 3 > MAX_PASSWORD_BYTES) {
    const size = new TextEncoder().encode(password).length;
    if (size > MAX_PASSWORD_BYTES) {
      return `The password is ${size.toLocaleString('en')} bytes long; MQTT allows at most 65,535.`;
    }
  }
  return null;
}

/** Returns why the session cannot connect with `profile`, or null when it can try. */
export function profileError(profile: ConnectionProfile): DeckError | null {
  const urlError = brokerUrlError(profile.url);
  if (urlError) return { code: 'bad-url', message: urlError };
  if (profile.protocolVersion !== 4 && profile.protocolVersion !== 5) {
    return { code: 'protocol-error', message: 'Choose MQTT version 3.1.1 or 5.0.' };
  }
  const keepalive = profile.keepaliveS;
  if (!Number.isInteger(keepalive) || keepalive < 0 || keepalive > MAX_KEEPALIVE_S) {
    const message = `Keepalive must be a whole number of seconds from 0 to ${MAX_KEEPALIVE_S}.`;
    return { code: 'protocol-error', message };
  }
  const expiry = profile.sessionExpiryS;
  if (
    expiry !== undefined &&
    (!Number.isInteger(expiry) || expiry < 0 || expiry > MAX_SESSION_EXPIRY_S)
  ) {
    const message = `Session expiry must be a whole number of seconds from 0 to ${MAX_SESSION_EXPIRY_S}.`;
    return { code: 'invalid-option', message };
  }
  const clientIdError = mqttStringError(profile.clientId, 'The client ID');
  if (clientIdError) return { code: 'client-id-rejected', message: clientIdError };
  const usernameError = mqttStringError(profile.username, 'The username');
  if (usernameError) return { code: 'bad-credentials', message: usernameError };
  const passwordError = passwordProblem(profile.password);
  if (passwordError) return { code: 'bad-credentials', message: passwordError };
  if (profile.password !== '' && profile.username === '') {
    // mqtt.js cannot even encode such a CONNECT: the socket would just close, looking unreachable.
    const message = 'Enter a username too: MQTT sends a password only together with a username.';
    return { code: 'bad-credentials', message };
  }
  if (profile.clientId === '' && !profile.cleanStart) {
    const message =
      'A client ID is required when clean start is off: the session is kept under it.';
    return { code: 'client-id-rejected', message };
  }
  return null;
}
