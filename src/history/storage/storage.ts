// The storage domain, app-wide: whether the browser keeps our data for good (persist() is
// Window-only, so it is asked here), asked once a page session with the first connection. The
// worker's usage figures and the retention form are the History view's (retention.ts).
import { createSignal } from 'solid-js';
import { createStoreContext } from '../../ui/store-context';

export function createStorage() {
  // undefined: not known yet, or this browser has no StorageManager.
  const [persisted, setPersisted] = createSignal<boolean>();
  // The browser said no to the last request (it may say yes later, e.g. once installed).
  const [declined, setDeclined] = createSignal(false);
  let askedThisSession = false;
  const manager = (): StorageManager | undefined => globalThis.navigator?.storage;

  const actions = {
    /** Reads again whether the browser keeps our data (it may have decided meanwhile). */
    async readPersisted() {
      const storage = manager();
      if (storage?.persisted) setPersisted(await storage.persisted().catch(() => undefined));
    },

    /** Asks the browser to exempt our data from eviction; Chrome decides without a prompt. */
    async requestPersist(): Promise<boolean | undefined> {
      const storage = manager();
      if (!storage?.persist) return undefined;
      const granted = await storage.persist().catch(() => false);
      setPersisted(granted);
      setDeclined(!granted);
      return granted;
    },

    /** The first connection of a page session is when data starts to matter: ask then, once. */
    persistOnFirstConnection() {
      if (askedThisSession || persisted() === true) return;
      askedThisSession = true;
      void actions.requestPersist();
    },
  };

  return { persisted, declined, ...actions };
}

export type StorageStore = ReturnType<typeof createStorage>;
export const [StorageContext, useStorage] = createStoreContext<StorageStore>('useStorage');
