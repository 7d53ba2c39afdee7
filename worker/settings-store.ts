// The small key-value settings kept beside history: for now, the last used connection profile.
import type { DeckDb } from './history-db';
import { STORES } from './history-db';
import type { ConnectionProfile } from './protocol';

export interface SettingsStore {
  loadProfile(): Promise<ConnectionProfile | undefined>;
  /** Stores a copy of `profile` with the password blanked: passwords never reach the disk. */
  saveProfile(profile: ConnectionProfile): Promise<void>;
}

export function createSettingsStore(db: () => Promise<DeckDb>): SettingsStore {
  return {
    async loadProfile() {
      const profile = await (await db()).get(STORES.settings, 'lastProfile');
      return profile ? { ...profile, password: '' } : undefined;
    },
    async saveProfile(profile) {
      await (await db()).put(STORES.settings, { ...profile, password: '' }, 'lastProfile');
    },
  };
}
