// Short names for connection ids (`clientId@url`, connection-id.ts): for the connections bar
// and the message list's filter, in their chunk.

/** The URL and client ID in a connection id (`clientId@url`, connection-id.ts). */
export function splitConnectionId(id: string): { clientId: string; url: string } | undefined {
  const match = /^(.*)@(wss?:\/\/.*)$/s.exec(id);
  return match ? { clientId: match[1]!, url: match[2]! } : undefined;
}

/** "host · client ID": short enough for the bar and a row's title. */
export function connectionName(id: string): string {
  const parts = splitConnectionId(id);
  try {
    return parts ? `${new URL(parts.url).host} · ${parts.clientId}` : id;
  } catch {
    return id;
  }
}
