// The few connection-form checks the page needs before its first paint: the broker URL and the
// ranges of keepalive and session expiry. The full profile check (profile-validation.ts) is
// loaded with the connection; importing only this keeps it out of the first paint.
export const MAX_KEEPALIVE_S = 65_535;
/** MQTT 5 Session Expiry Interval is a four-byte integer (§3.1.2.11.2). */
export const MAX_SESSION_EXPIRY_S = 4_294_967_295;

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
