// The Storage tab's figures and form: the worker's usage, quota and history totals, and the
// retention policy as typed. One for the page, created with the first Storage tab (in the History
// chunk, so the first paint skips it) and kept, so an unsaved edit outlives a switch of view.
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { RetentionPolicy, StorageInfo } from '../../../shared/protocol';
import { errorText } from '../../ui/error-text';
import { deckBridge, type DeckBridge } from '../../worker-bridge';
import { useStorage, type StorageStore } from './storage';

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

export function createRetention(
  storage: Pick<StorageStore, 'readPersisted'>,
  bridge: Pick<DeckBridge, 'storageInfo' | 'setRetention'>,
) {
  const [info, setInfo] = createSignal<StorageInfo>();
  const [form, setForm] = createStore<RetentionForm>({ ...EMPTY_FORM });
  const [formError, setFormError] = createSignal<string>();
  const [saved, setSaved] = createSignal<string>();
  let edited = false;

  const actions = {
    /** Reads the figures (and whether the browser keeps our data) again. */
    async refresh() {
      try {
        const next = await bridge.storageInfo();
        setInfo(next);
        if (!edited) setForm(toForm(next.retention));
      } catch {
        // A dead worker is reported by the bridge; keep the last figures.
      }
      await storage.readPersisted();
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
        setFormError(errorText(error));
      }
    },
  };

  return { info, form, formError, saved, ...actions };
}

export type RetentionStore = ReturnType<typeof createRetention>;
let shared: RetentionStore | undefined;

/** The page's one retention store, created with the first Storage tab. */
export function useRetention(): RetentionStore {
  shared ??= createRetention(useStorage(), deckBridge());
  return shared;
}
