// Which open connection is the default one (the one connected last, else the newest still open)
// and the order a page lists them in (oldest first). Pure: connections.ts keeps the stacks.
export interface ConnectionOrder {
  /** A Connect of `id`: listed (at its old place if open already) and the default from now. */
  connected(id: string): void;
  /** A Disconnect of `id`: unlisted; the default falls back to the newest connect still open. */
  removed(id: string): void;
  /** The connection for a call that names none; undefined when none is open. */
  defaultId(): string | undefined;
  /** Open connections, oldest first (first Connect), for the snapshot. */
  listed(): string[];
  has(id: string): boolean;
}

export function createConnectionOrder(): ConnectionOrder {
  // Set iteration is insertion order: `opened` by first Connect, `recent` by latest Connect.
  const opened = new Set<string>();
  const recent = new Set<string>();
  return {
    connected(id) {
      opened.add(id);
      recent.delete(id);
      recent.add(id);
    },
    removed(id) {
      opened.delete(id);
      recent.delete(id);
    },
    defaultId() {
      let last: string | undefined;
      for (const id of recent) last = id;
      return last;
    },
    listed: () => [...opened],
    has: (id) => opened.has(id),
  };
}
