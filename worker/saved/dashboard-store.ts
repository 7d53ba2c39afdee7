// The saved dashboards in IndexedDB: storage only. The records' shape belongs to the UI's
// dashboard model, which validates each one it reads (an older or newer app may have written it).
import type { DeckDb } from '../db/database';
import { STORES } from '../db/database';
import type { DashboardData } from '../../shared/protocol';

export interface DashboardStore {
  list(): Promise<DashboardData[]>;
  save(dashboard: DashboardData): Promise<void>;
  remove(id: string): Promise<void>;
}

const nameOf = (d: DashboardData) => (typeof d.name === 'string' ? d.name : '');

export function createDashboardStore(db: () => Promise<DeckDb>): DashboardStore {
  return {
    async list() {
      const all = await (await db()).getAll(STORES.dashboards);
      return all.sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || a.id.localeCompare(b.id));
    },
    async save(dashboard) {
      if (typeof dashboard.id !== 'string' || dashboard.id === '') {
        throw new TypeError('A dashboard needs a non-empty string id.');
      }
      await (await db()).put(STORES.dashboards, dashboard);
    },
    async remove(id) {
      await (await db()).delete(STORES.dashboards, id);
    },
  };
}
