// "Save as profile" on the connection form: the form as it is becomes a new saved profile, named
// after its broker host and client ID (renamed in the Profiles view if need be).
import type { ConnectionStore } from '../connection/connection';
import { createProfiles, newProfileKey } from './profiles';

/** Saves the form as a new saved profile; resolves with what to tell the person. */
export async function saveAs(connection: ConnectionStore): Promise<string> {
  const profile = connection.formProfile();
  if (!profile) return 'Not saved: correct the form first.';
  const host = /^wss?:\/\/([^/:]+)/.exec(profile.url)?.[1] ?? 'Broker';
  const name = `${host} (${profile.clientId || 'any client ID'})`;
  const key = newProfileKey();
  const problem = await createProfiles(connection).save({ key, name, profile });
  if (problem !== undefined) return problem;
  connection.setSavedKey(key);
  return `Saved as profile "${name}".`;
}
