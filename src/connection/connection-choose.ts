// Choosing among the connections: select one (the form shows it), start a new one, open a saved
// profile beside the others. In the bar's and the Profiles view's chunks, not the first paint.
import type { ConnectionProfile } from '../../shared/protocol';
import { splitConnectionId } from './connection-name';
import { connectionId, randomClientId } from './connection-id';
import type { ConnectionStore } from './connection';

/** Works on connection `id`: the form shows it, subscribe and publish go to it. */
export function chooseConnection(connection: ConnectionStore, id: string) {
  connection.select(id);
  const saved = connection
    .savedProfiles()
    .find((s) => connectionId(s.profile.url, s.profile.clientId) === id);
  const known = connection.profileOf(id) ?? saved?.profile;
  if (known) return connection.fill(known, saved?.key);
  // Opened before this page (another session of the worker): its URL and client ID are in its id.
  const parts = splitConnectionId(id);
  if (parts) {
    connection.setField('url', parts.url);
    connection.setField('clientId', parts.clientId);
  }
  connection.setSavedKey(undefined);
}

/** The next Connect opens another connection beside the open ones, under a fresh client ID. */
export function newConnection(connection: ConnectionStore) {
  connection.select(undefined);
  connection.setSavedKey(undefined);
  connection.setField('clientId', randomClientId());
}

/** Fills the form from `profile` and opens it beside the open connections. */
export function openAlongside(
  connection: ConnectionStore,
  profile: ConnectionProfile,
  key?: string,
) {
  connection.fill(profile, key);
  connection.select(undefined);
  return connection.connect();
}
