// Saved connection profiles (issue 7): owned by the profiles helper; this is the interface only.
import type { DeckDb } from './history-schema';
import type { Result, SavedProfile } from './protocol';

export interface ProfilesStore {
  list(): Promise<SavedProfile[]>;
  put(saved: SavedProfile): Promise<Result<object>>;
  remove(key: string): Promise<void>;
  order(keys: string[]): Promise<void>;
}

export function createProfilesStore(db: () => Promise<DeckDb>): ProfilesStore {
  void db;
  const unbuilt = () => Promise.reject(new Error('Saved profiles are not built yet.'));
  return { list: unbuilt, put: unbuilt, remove: unbuilt, order: unbuilt };
}
