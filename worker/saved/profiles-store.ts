// Saved connection profiles (issue 7): the settings key 'profiles' holds them in the user's order;
// each is validated when read (another app version may have written it) and when put.
import type { DeckDb } from '../db/schema';
import { STORES } from '../db/database';
import { profileError } from '../../shared/profiles/profile-validation';
import type { Result, SavedProfile } from '../../shared/protocol';

export interface ProfilesStore {
  list(): Promise<SavedProfile[]>;
  put(saved: SavedProfile): Promise<Result<object>>;
  remove(key: string): Promise<void>;
  order(keys: string[]): Promise<void>;
}

/** Bounds what one device keeps: the list is read whole on every open of the picker. */
export const MAX_SAVED_PROFILES = 500;

/** What reaches the disk: the password only when the user asked for it to be remembered. */
function stored(saved: SavedProfile): SavedProfile {
  const remember = saved.profile.rememberPassword === true;
  return {
    ...saved,
    profile: { ...saved.profile, password: remember ? saved.profile.password : '' },
  };
}

/** The field-by-field reader, a chunk of its own: the worker's boot does not need it. */
async function reader(): Promise<(v: unknown) => SavedProfile | string> {
  const { readSavedProfile } = await import('../../shared/profiles/profile-shape');
  return (v) => readSavedProfile(v, profileError);
}

export function createProfilesStore(db: () => Promise<DeckDb>): ProfilesStore {
  async function read(): Promise<SavedProfile[]> {
    const readSavedProfile = await reader();
    const raw = await (await db()).get(STORES.settings, 'profiles');
    if (!Array.isArray(raw)) return [];
    const seen = new Set<string>();
    const list: SavedProfile[] = [];
    for (const entry of raw as unknown[]) {
      const saved = readSavedProfile(entry);
      // Invalid or duplicate entries are dropped rather than shown half-working.
      if (typeof saved === 'string' || seen.has(saved.key)) continue;
      seen.add(saved.key);
      list.push(stored(saved));
    }
    return list;
  }

  async function write(list: SavedProfile[]): Promise<void> {
    await (await db()).put(STORES.settings, list.map(stored), 'profiles');
  }

  return {
    list: read,
    async put(saved) {
      const readSavedProfile = await reader();
      const checked = readSavedProfile(saved);
      if (typeof checked === 'string') {
        return { ok: false, code: 'invalid-option', message: `Not saved: ${checked}` };
      }
      const list = await read();
      const at = list.findIndex((s) => s.key === checked.key);
      if (at >= 0) list[at] = checked;
      else if (list.length >= MAX_SAVED_PROFILES) {
        const message = `Not saved: at most ${MAX_SAVED_PROFILES} profiles can be kept; delete one first.`;
        return { ok: false, code: 'invalid-option', message };
      } else list.push(checked);
      await write(list);
      return { ok: true };
    },
    async remove(key) {
      await write((await read()).filter((s) => s.key !== key));
    },
    async order(keys) {
      const list = await read();
      const rank = new Map(keys.map((k, i) => [k, i]));
      const place = (s: SavedProfile) => rank.get(s.key) ?? keys.length;
      // Array.prototype.sort is stable: keys not listed keep their relative place at the end.
      await write(list.sort((a, b) => place(a) - place(b)));
    },
  };
}
