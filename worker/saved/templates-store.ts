// Saved payloads per saved profile in the settings store (key 'templates'): validated when saved
// and again when read back, since an older or newer version of the app may have written them.
import type { DeckDb } from '../db/schema';
import { STORES } from '../db/schema';
import type { PayloadTemplate, Result } from '../../shared/protocol';
import { MAX_TEMPLATES_PER_PROFILE, templateOf } from '../../shared/templates/template-validate';

const SETTINGS_KEY = 'templates';

export interface TemplatesStore {
  list(profileKey: string): Promise<PayloadTemplate[]>;
  save(profileKey: string, templates: PayloadTemplate[]): Promise<Result<object>>;
  removeCollection(profileKey: string): Promise<void>;
}

type Collections = Record<string, PayloadTemplate[]>;

/** The stored map, or an empty one when it is missing or not a plain object. */
function collectionsOf(stored: unknown): Collections {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  return stored as Collections;
}

/** The valid templates of one stored collection, in order, one per key (the first kept). */
export function readTemplates(stored: unknown): PayloadTemplate[] {
  if (!Array.isArray(stored)) return [];
  const seen = new Set<string>();
  const out: PayloadTemplate[] = [];
  for (const raw of stored as unknown[]) {
    const checked = templateOf(raw);
    if (!checked.ok || seen.has(checked.value.key)) continue;
    seen.add(checked.value.key);
    out.push(checked.value);
    if (out.length === MAX_TEMPLATES_PER_PROFILE) break;
  }
  return out;
}

/** Why a whole collection cannot be saved, in words, or the clean copy to store. */
export function checkTemplates(templates: unknown): Result<{ templates: PayloadTemplate[] }> {
  const refuse = (message: string) => ({
    ok: false as const,
    code: 'invalid-option' as const,
    message,
  });
  if (!Array.isArray(templates)) return refuse('Saved payloads must be a list.');
  if (templates.length > MAX_TEMPLATES_PER_PROFILE) {
    return refuse(`At most ${MAX_TEMPLATES_PER_PROFILE} saved payloads can be kept per profile.`);
  }
  const seen = new Set<string>();
  const clean: PayloadTemplate[] = [];
  for (const [i, raw] of (templates as unknown[]).entries()) {
    const checked = templateOf(raw);
    const label =
      typeof (raw as { name?: unknown } | null)?.name === 'string'
        ? `Saved payload ${i + 1} ("${(raw as { name: string }).name.slice(0, 60)}")`
        : `Saved payload ${i + 1}`;
    if (!checked.ok) return refuse(`${label} cannot be saved: ${checked.error}.`);
    if (seen.has(checked.value.key)) return refuse(`${label} has the same key as another.`);
    seen.add(checked.value.key);
    clean.push(checked.value);
  }
  return { ok: true, templates: clean };
}

export function createTemplatesStore(db: () => Promise<DeckDb>): TemplatesStore {
  /** Read, change and write the map in one transaction, so two tabs cannot lose each other's. */
  async function update(change: (all: Collections) => void): Promise<void> {
    const tx = (await db()).transaction(STORES.settings, 'readwrite');
    // No prototype: a profile key such as "__proto__" stays an ordinary entry.
    const all: Collections = Object.assign(
      Object.create(null) as Collections,
      collectionsOf(await tx.store.get(SETTINGS_KEY)),
    );
    change(all);
    await Promise.all([tx.store.put(all, SETTINGS_KEY), tx.done]);
  }

  return {
    async list(profileKey) {
      const all = collectionsOf(await (await db()).get(STORES.settings, SETTINGS_KEY));
      return Object.hasOwn(all, profileKey) ? readTemplates(all[profileKey]) : [];
    },
    async save(profileKey, templates) {
      if (typeof profileKey !== 'string') {
        return { ok: false, code: 'invalid-option', message: 'The profile key must be text.' };
      }
      const checked = checkTemplates(templates);
      if (!checked.ok) return checked;
      await update((all) => {
        if (checked.templates.length === 0) delete all[profileKey];
        else all[profileKey] = checked.templates;
      });
      return { ok: true };
    },
    async removeCollection(profileKey) {
      await update((all) => {
        delete all[profileKey];
      });
    },
  };
}
