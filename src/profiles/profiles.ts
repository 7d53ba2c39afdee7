// The saved profiles as the Profiles view and "Save as profile" change them: each change goes to
// the worker (which judges every profile it is given), then the connection store reads the list
// again, so the picker on the connection form shows it too.
import type { SavedProfile } from '../../shared/protocol';
import type { ConnectionStore } from '../connection/connection';
import { deckBridge, type DeckBridge } from '../worker-bridge';

type ProfilesBridge = Pick<DeckBridge, 'putProfile' | 'orderProfiles' | 'deleteProfile'>;

/** A new SavedProfile.key: random, so keys never collide across devices and imports. */
export const newProfileKey = (): string => crypto.randomUUID();

export function createProfiles(connection: ConnectionStore, bridge: ProfilesBridge = deckBridge()) {
  const list = () => connection.savedProfiles();
  const keys = () => list().map((s) => s.key);

  return {
    /** The saved profiles, in the user's order. */
    list,

    /** Saves `saved`, a new one placed after the entry `after` if given; why not, or undefined. */
    async save(saved: SavedProfile, after?: string): Promise<string | undefined> {
      const result = await bridge.putProfile(saved);
      if (!result.ok) return result.message;
      if (after !== undefined) {
        const order = keys();
        order.splice(order.indexOf(after) + 1, 0, saved.key);
        await bridge.orderProfiles(order);
      }
      await connection.refreshProfiles();
      return undefined;
    },

    /** Moves `key` one place up (-1) or down (1); false when it is already at that end. */
    async move(key: string, by: -1 | 1): Promise<boolean> {
      const order = keys();
      const from = order.indexOf(key);
      const to = from + by;
      if (from < 0 || to < 0 || to >= order.length) return false;
      order.splice(to, 0, ...order.splice(from, 1));
      await bridge.orderProfiles(order);
      await connection.refreshProfiles();
      return true;
    },

    async remove(key: string): Promise<void> {
      await bridge.deleteProfile(key);
      await connection.refreshProfiles();
    },

    /** Saves each of `profiles` (an import), then reads the list once; why each was refused. */
    async addAll(profiles: readonly SavedProfile[]): Promise<(string | undefined)[]> {
      const refusals: (string | undefined)[] = [];
      for (const saved of profiles) {
        const result = await bridge.putProfile(saved);
        refusals.push(result.ok ? undefined : result.message);
      }
      await connection.refreshProfiles();
      return refusals;
    },
  };
}

export type ProfilesStore = ReturnType<typeof createProfiles>;
