// The storage domain: whether the browser keeps our data for good (persist() is Window-only, so
// it is asked here), the worker's usage, quota and history totals, and the retention form.
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { RetentionPolicy, StorageInfo } from '../../../shared/protocol';
import type { DeckBridge } from '../../worker-bridge';
import { createStoreContext } from '../../ui/store-context';

const MB = 1024 * 1024;

/** The retention form as typed: text per field, bytes entered in MB. */
export interface RetentionForm {
  maxMessages: string;
  maxMegabytes: string;
  maxQuotaPercent: string;
  maxAgeDays: string;
}

/** Empty fields until the worker says what the policy is. */
const EMPTY_FORM: RetentionForm = {
  maxMessages: '',
  maxMegabytes: '',
  maxQuotaPercent: '',
  maxAgeDays: '',
};

const toForm = (p: RetentionPolicy): RetentionForm => ({
  maxMessages: String(p.maxMessages),
  maxMegabytes: String(Math.round((p.maxBytes / MB) * 100) / 100),
  maxQuotaPercent: String(p.maxQuotaPercent),
  maxAgeDays: String(p.maxAgeDays),
});

/** The form as a policy, or the first field that is not a number. The worker checks bounds. */
function fromForm(form: RetentionForm): RetentionPolicy | string {
  const fields = [
    ['Maximum messages', form.maxMessages],
    ['Maximum payload size', form.maxMegabytes],
    ['Maximum share of quota', form.maxQuotaPercent],
    ['Maximum age', form.maxAgeDays],
  ] as const;
  const numbers = fields.map(([, text]) => (text.trim() === '' ? NaN : Number(text)));
  const bad = numbers.findIndex((n) => !Number.isFinite(n));
  if (bad >= 0) return `${fields[bad]![0]} must be a number.`;
  const [maxMessages, megabytes, maxQuotaPercent, maxAgeDays] = numbers as [
    number,
    number,
    number,
    number,
  ];
  return { maxMessages, maxBytes: Math.round(megabytes * MB), maxQuotaPercent, maxAgeDays };
}

export function createStorage(bridge: DeckBridge) {
  const [info, setInfo] = createSignal<StorageInfo>();
  // undefined: not known yet, or this browser has no StorageManager.
  const [persisted, setPersisted] = createSignal<boolean>();
  const [form, setForm] = createStore<RetentionForm>({ ...EMPTY_FORM });
  const [formError, setFormError] = createSignal<string>();
  const [saved, setSaved] = createSignal<string>();
  // The browser said no to the last request (it may say yes later, e.g. once installed).
  const [declined, setDeclined] = createSignal(false);
  let edited = false;
  let askedThisSession = false;
  const manager = (): StorageManager | undefined => globalThis.navigator?.storage;

  const actions = {
    async refresh() {
      try {
        const next = await bridge.storageInfo();
        setInfo(next);
        if (!edited) setForm(toForm(next.retention));
      } catch {
        // A dead worker is reported by the bridge; keep the last figures.
      }
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

    setField<K extends keyof RetentionForm>(key: K, value: string) {
      edited = true;
      setForm(key, value);
      setFormError(undefined);
      setSaved(undefined);
    },

    async saveRetention() {
      const policy = fromForm(form);
      if (typeof policy === 'string') return setFormError(policy);
      try {
        const result = await bridge.setRetention(policy);
        if (!result.ok) return setFormError(result.message);
        edited = false;
        setForm(toForm(result.retention));
        setSaved('Saved; older history is pruned to it in the background.');
        await actions.refresh();
      } catch (error) {
        setFormError(error instanceof Error ? error.message : String(error));
      }
    },
  };

  return { info, persisted, declined, form, formError, saved, ...actions };
}

export type StorageStore = ReturnType<typeof createStorage>;
export const [StorageContext, useStorage] = createStoreContext<StorageStore>('useStorage');
