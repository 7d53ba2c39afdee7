// Checks a connection profile before any connection attempt: the URL must be ws:// or wss:// with
// a host, and the fields mqtt.js would otherwise throw on (or send on to the broker) must be sane.
import { mqttStringError } from '../mqtt/topics';
import {
  MAX_FALLBACK_URLS,
  MAX_RECONNECT_ATTEMPTS,
  MAX_RECONNECT_DELAY_MS,
  MIN_RECONNECT_DELAY_MS,
  connectPropertiesError,
  rangeError,
  willError,
} from './profile-validation-options';
import type { ConnectionProfile, DeckError } from '../protocol/index';
import { MAX_KEEPALIVE_S, MAX_SESSION_EXPIRY_S, brokerUrlError } from './broker-url';

export { MAX_KEEPALIVE_S, MAX_SESSION_EXPIRY_S, brokerUrlError };

const MAX_PASSWORD_BYTES = 65_535;

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

function fallbackUrlsError(urls: unknown): string | null {
  if (urls === undefined) return null;
  if (!Array.isArray(urls)) return 'Fallback URLs must be a list of broker URLs.';
  if (urls.length > MAX_FALLBACK_URLS) {
    return `At most ${MAX_FALLBACK_URLS} fallback URLs; this profile has ${urls.length}.`;
  }
  for (const [i, url] of urls.entries()) {
    const error = typeof url === 'string' ? brokerUrlError(url) : 'It is not text.';
    if (error) return `Fallback URL ${i + 1}: ${error}`;
  }
  return null;
}

function reconnectError(policy: ConnectionProfile['reconnect']): string | null {
  if (policy === undefined) return null;
  if (typeof policy.enabled !== 'boolean') return 'Automatic reconnect must be on or off.';
  const { initialDelayMs, maxDelayMs, maxAttempts } = policy;
  return (
    rangeError(
      initialDelayMs,
      MIN_RECONNECT_DELAY_MS,
      MAX_RECONNECT_DELAY_MS,
      'First retry delay (ms)',
    ) ??
    rangeError(maxDelayMs, initialDelayMs, MAX_RECONNECT_DELAY_MS, 'Longest retry delay (ms)') ??
    rangeError(maxAttempts, 0, MAX_RECONNECT_ATTEMPTS, 'Attempts before giving up (0 = never)')
  );
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
  const fallbackError = fallbackUrlsError(profile.fallbackUrls);
  if (fallbackError) return { code: 'bad-url', message: fallbackError };
  const optionError =
    willError(profile) ?? connectPropertiesError(profile) ?? reconnectError(profile.reconnect);
  if (optionError) return { code: 'invalid-option', message: optionError };
  return null;
}
