// Names for connections: the history's connection id and fresh client IDs.

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
