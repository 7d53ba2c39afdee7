// Broker URL rules for the connection form, checked before anything reaches the worker.

/** Returns why `url` cannot be used as a broker URL, or null when it can. */
export function validateBrokerUrl(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed === '')
    return 'Enter the broker URL, for example wss://broker.example.com:8884/mqtt.';
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return 'This is not a URL. Use ws://host:port/path or wss://host:port/path.';
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    return `MQTT Deck connects over WebSockets: use ws:// or wss://, not ${parsed.protocol}//.`;
  }
  if (parsed.hostname === '') return 'The URL has no host name.';
  return null;
}

/** Names a connection in history: the broker URL without credentials, plus the client ID. */
export function connectionId(url: string, clientId: string): string {
  try {
    const parsed = new URL(url.trim());
    parsed.username = '';
    parsed.password = '';
    return `${clientId}@${parsed.href}`;
  } catch {
    return `${clientId}@${url.trim()}`;
  }
}

/** A fresh client ID: `deck-` and eight random hex digits. */
export function randomClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `deck-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
