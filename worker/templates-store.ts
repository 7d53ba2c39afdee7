// Saved payloads per saved profile (issue 7): owned by the templates helper; interface only.
import type { DeckDb } from './history-schema';
import type { PayloadTemplate, Result } from './protocol';

export interface TemplatesStore {
  list(profileKey: string): Promise<PayloadTemplate[]>;
  save(profileKey: string, templates: PayloadTemplate[]): Promise<Result<object>>;
  removeCollection(profileKey: string): Promise<void>;
}

export function createTemplatesStore(db: () => Promise<DeckDb>): TemplatesStore {
  void db;
  const unbuilt = () => Promise.reject(new Error('Saved payloads are not built yet.'));
  return { list: unbuilt, save: unbuilt, removeCollection: unbuilt };
}
