// A colour per connection: one of 8 --conn-N tokens (connections.css), in the order this
// page first saw each connection, so two open ones differ.

const seen = new Map<string, number>();

/** `var(--conn-N)` for the connection: fixed once seen, for as long as the page lives. */
export function connectionColour(id: string): string {
  let index = seen.get(id);
  if (index === undefined) seen.set(id, (index = seen.size % 8));
  return `var(--conn-${index})`;
}
