// The small key-value settings kept beside history: for now, the last used connection profile.
import type { DeckDb } from '../db/database';
import { STORES } from '../db/database';
import type { ConnectionProfile } from '../../shared/protocol';

export interface SettingsStore {
  loadProfile(): Promise<ConnectionProfile | undefined>;
  /** Stores a copy of `profile`; the password reaches the disk only if the user ticked that. */
  saveProfile(profile: ConnectionProfile): Promise<void>;
}

export function createSettingsStore(db: () => Promise<DeckDb>): SettingsStore {
  return {
    async loadProfile() {
      const stored = await (await db()).get(STORES.settings, 'lastProfile');
      // The store's value type is the union of every setting's: this key holds a profile.
      const profile = stored as ConnectionProfile | undefined;
      if (!profile) return undefined;
      return { ...profile, password: profile.rememberPassword === true ? profile.password : '' };
    },
    async saveProfile(profile) {
      const password = profile.rememberPassword === true ? profile.password : '';
      await (await db()).put(STORES.settings, { ...profile, password }, 'lastProfile');
    },
  };
}
