// The profiles export file: JSON {format, version, profiles}; written without any password and
// read back bounded and field by field, each bad entry named by its position and why.
import { readSavedProfile } from './profile-shape';
import type { ProfileJudge } from './profile-shape';
import type { SavedProfile } from '../protocol/index';

export const PROFILE_FILE_FORMAT = 'mqtt-deck-profiles';
export const PROFILE_FILE_VERSION = 1;
/** A file bigger than this is not a profile list anyone wrote; refuse before parsing it. */
export const MAX_PROFILE_FILE_BYTES = 1024 * 1024;
export const MAX_PROFILE_FILE_ENTRIES = 500;

export interface ProfileFileRead {
  /** The good entries, with fresh keys where theirs were taken. */
  profiles: SavedProfile[];
  /** Each good entry's label in the file ("Profile 2"), for words about it later. */
  labels: string[];
  /** One sentence per bad entry (or one for the whole file), in words. */
  errors: string[];
}

/** The file text for `list`: secrets never leave the device, even a remembered password. */
export function profileFileText(list: readonly SavedProfile[]): string {
  const profiles = list.map((saved) => {
    const profile = { ...saved.profile, password: '' };
    delete profile.rememberPassword;
    return { key: saved.key, name: saved.name, profile };
  });
  const file = { format: PROFILE_FILE_FORMAT, version: PROFILE_FILE_VERSION, profiles };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function freshKey(taken: Set<string>, make: () => string): string {
  let key = make();
  while (taken.has(key)) key = make();
  return key;
}

/**
 * Reads an export file. `takenKeys` are the keys already saved (an entry with one of them gets a
 * fresh key from `newKey`, so an import never overwrites); `size` is the file's size in bytes.
 */
export function readProfileFile(
  text: string,
  size: number,
  takenKeys: Iterable<string>,
  newKey: () => string,
  judge: ProfileJudge,
): ProfileFileRead {
  const refuse = (why: string): ProfileFileRead => ({ profiles: [], labels: [], errors: [why] });
  if (size > MAX_PROFILE_FILE_BYTES) {
    return refuse(
      `The file is ${size.toLocaleString('en')} bytes; a profile file is at most 1 MiB.`,
    );
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return refuse('The file is not JSON: it is not a profile file exported by MQTT Deck.');
  }
  const head = typeof file === 'object' && file !== null ? (file as Record<string, unknown>) : {};
  if (head.format !== PROFILE_FILE_FORMAT) {
    return refuse(
      `The file is not an MQTT Deck profile file (its format is not "${PROFILE_FILE_FORMAT}").`,
    );
  }
  if (head.version !== PROFILE_FILE_VERSION) {
    return refuse(
      `The file is version ${String(head.version)}; this app reads version ${PROFILE_FILE_VERSION}.`,
    );
  }
  const entries = head.profiles;
  if (!Array.isArray(entries)) return refuse('The file has no list of profiles.');
  if (entries.length > MAX_PROFILE_FILE_ENTRIES) {
    return refuse(
      `The file has ${entries.length} profiles; at most ${MAX_PROFILE_FILE_ENTRIES} can be imported.`,
    );
  }
  const taken = new Set(takenKeys);
  const result: ProfileFileRead = { profiles: [], labels: [], errors: [] };
  entries.forEach((entry: unknown, index) => {
    const read = readSavedProfile(entry, judge);
    const label = `Profile ${index + 1}`;
    if (typeof read === 'string') {
      const name = (entry as { name?: unknown } | null)?.name;
      const named = typeof name === 'string' && name !== '' ? ` ("${name.slice(0, 60)}")` : '';
      result.errors.push(`${label}${named}: ${read}`);
      return;
    }
    // A file never carries a password, so "remember" would remember nothing.
    const profile = { ...read.profile, password: '' };
    delete profile.rememberPassword;
    const key = taken.has(read.key) ? freshKey(taken, newKey) : read.key;
    taken.add(key);
    result.profiles.push({ key, name: read.name, profile });
    result.labels.push(label);
  });
  return result;
}
