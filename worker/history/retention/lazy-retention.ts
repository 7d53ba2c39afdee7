// Retention (the policy, pruning, the storage figures) arrives as a chunk of its own once history
// is open: none of it is needed before the first paint. What the writer reports before the chunk
// arrived is handed over as soon as it has.
import type { Retention, RetentionDeps } from './history-retention';

export function lazyRetention(deps: RetentionDeps): Retention {
  let loaded: Retention | undefined;
  let loading: Promise<Retention> | undefined;
  const early = { messages: 0, bytes: 0, quotaExceeded: false };

  const load = () =>
    (loading ??= import('./history-retention').then(({ createRetention }) => {
      const retention = createRetention(deps);
      loaded = retention;
      if (early.messages > 0) retention.committed(early.messages, early.bytes);
      if (early.quotaExceeded) retention.quotaExceeded();
      return retention;
    }));

  return {
    start: async () => (await load()).start(),
    committed(messages, bytes) {
      if (loaded) return loaded.committed(messages, bytes);
      early.messages += messages;
      early.bytes += bytes;
    },
    quotaExceeded() {
      if (loaded) return loaded.quotaExceeded();
      early.quotaExceeded = true;
      void load();
    },
    setPolicy: async (policy) => (await load()).setPolicy(policy),
    status: async () => (await load()).status(),
  };
}
