// The saved payloads of one collection (a saved profile's key, '' for this device): the list
// from the worker, every change saved whole, the outcome of the last action in words, and the
// name of the profile they belong to.
import { createEffect, createResource, createSignal, on, useContext } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import type { PayloadTemplate, PublishResult } from '../../shared/protocol';
import { ConnectionContext } from '../connection/connection';
import { deckBridge, type DeckBridge } from '../worker-bridge';
import { errorText } from '../ui/error-text';

export interface Notice {
  ok: boolean;
  text: string;
}

let lastKey = 0;
/** A key unique within a collection (random where the browser offers it, else time + counter). */
export function newTemplateKey(): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ?? `t-${Date.now().toString(36)}-${(++lastKey).toString(36)}`;
}

/** The publish result in the words the publish form uses. */
export function resultText(name: string, result: PublishResult): Notice {
  if (!result.ok) return { ok: false, text: `"${name}" failed: ${result.message}` };
  const how = result.queued
    ? `queued (QoS ${result.qos}): in the Outbox until the broker has it`
    : result.acknowledged
      ? `acknowledged (QoS ${result.qos})`
      : `sent (QoS ${result.qos})`;
  return { ok: true, text: `"${name}" ${how}.` };
}

type TemplatesBridge = Pick<
  DeckBridge,
  'listTemplates' | 'saveTemplates' | 'publish' | 'listProfiles'
>;

export function createSavedPayloads(
  collection: () => string,
  bridge: TemplatesBridge = deckBridge(),
) {
  // Send goes to the selected connection (read here, in the component's setup, so the caller
  // need not pass it); outside a provider, to the worker's default.
  const connection = useContext(ConnectionContext);
  const selected = () => connection?.selectedId();
  // The profile's name for the heading; the list works without it (e.g. profiles unreadable).
  const [profileName] = createResource(
    () => connection?.savedKey(),
    async (key) => {
      const saved = await bridge.listProfiles().catch(() => []);
      return saved.find((p) => p.key === key)?.name;
    },
  );
  const [list, setList] = createStore<PayloadTemplate[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [notice, setNotice] = createSignal<Notice>();

  createEffect(
    on(collection, (key) => {
      setLoaded(false);
      bridge.listTemplates(key).then(
        (templates) => {
          if (collection() !== key) return; // another profile was chosen meanwhile
          setList(reconcile(templates, { key: 'key' }));
          setLoaded(true);
        },
        (error: unknown) => setNotice({ ok: false, text: `Could not read: ${errorText(error)}` }),
      );
    }),
  );

  /** Saves the whole list; the shown list changes only once the worker has stored it. */
  async function commit(next: PayloadTemplate[], done: string): Promise<boolean> {
    const key = collection();
    try {
      const result = await bridge.saveTemplates(key, next);
      if (!result.ok) {
        setNotice({ ok: false, text: result.message });
        return false;
      }
      if (collection() === key) setList(reconcile(next, { key: 'key' }));
      setNotice({ ok: true, text: done });
      return true;
    } catch (error) {
      setNotice({ ok: false, text: `Not saved: ${errorText(error)}` });
      return false;
    }
  }

  // The store's own objects, not its proxies: a proxy cannot be posted to the worker.
  const copy = () => unwrap(list).map((t) => ({ ...t }));

  return {
    list,
    loaded,
    /** The saved profile's name, once read; undefined for this device's own collection. */
    profileName: () => profileName.latest,
    notice,
    setNotice,
    add: (t: Omit<PayloadTemplate, 'key'>) =>
      commit([...copy(), { ...t, key: newTemplateKey() }], `Saved "${t.name}".`),
    update: (key: string, patch: Partial<PayloadTemplate>) =>
      commit(
        copy().map((t) => (t.key === key ? { ...t, ...patch, key } : t)),
        `Saved "${patch.name ?? ''}".`,
      ),
    remove: (t: PayloadTemplate) =>
      commit(
        copy().filter((x) => x.key !== t.key),
        `Deleted "${t.name}".`,
      ),
    move(t: PayloadTemplate, by: -1 | 1) {
      const next = copy();
      const from = next.findIndex((x) => x.key === t.key);
      const to = from + by;
      if (from < 0 || to < 0 || to >= next.length) return Promise.resolve(false);
      next.splice(to, 0, ...next.splice(from, 1));
      return commit(next, `Moved "${t.name}" ${by < 0 ? 'up' : 'down'}.`);
    },
    append: (imported: PayloadTemplate[]) =>
      commit([...copy(), ...imported], `Imported ${imported.length} saved payloads.`),
    async send(t: PayloadTemplate) {
      setNotice({ ok: true, text: `Sending "${t.name}"…` });
      try {
        setNotice(
          resultText(
            t.name,
            await bridge.publish(t.topic, t.payload, unwrap(t.options), selected()),
          ),
        );
      } catch (error) {
        setNotice({ ok: false, text: `"${t.name}" failed: ${errorText(error)}` });
      }
    },
  };
}

export type SavedPayloadsStore = ReturnType<typeof createSavedPayloads>;
