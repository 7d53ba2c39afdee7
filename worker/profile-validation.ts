// Checks a connection profile before any connection attempt: the URL must be ws:// or wss:// with
// a host, and the fields mqtt.js would otherwise throw on (or send on to the broker) must be sane.
import type { ConnectionProfile, DeckError } from './protocol';

export const MAX_KEEPALIVE_S = 65_535;

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
