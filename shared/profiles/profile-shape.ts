// Reads a saved profile from untrusted data (IndexedDB written by another app version, an
// imported file): checks the shape profileError cannot (types it would trip over), keeps only
// the known fields, then lets profileError judge every value; or says in words what is wrong.
import type { ConnectionProfile, DeckError, SavedProfile } from '../protocol/index';

/** profile-validation.ts's profileError, passed in: this module imports nothing at run time, so
 * the worker can load it as a chunk of its own without splitting its boot chunk. */
export type ProfileJudge = (profile: ConnectionProfile) => DeckError | null;

/** Longer names and URLs are refused: nobody types them, and they cost on every read. */
const MAX_TEXT_CHARS = 65_535;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields kept, by part; anything else in the data is dropped, never stored or sent. */
const PROFILE_KEYS = [
  'id',
  'url',
  'clientId',
  'username',
  'password',
  'keepaliveS',
  'cleanStart',
  'protocolVersion',
  'sessionExpiryS',
  'rememberPassword',
  'fallbackUrls',
  'will',
  'connectProperties',
  'reconnect',
] as const;
const PARTS = {
  will: [
    'topic',
    'payload',
    'qos',
    'retain',
    'delayIntervalS',
    'messageExpiryIntervalS',
    'contentType',
    'payloadFormatIndicator',
    'responseTopic',
    'correlationData',
    'userProperties',
  ],
  connectProperties: [
    'receiveMaximum',
    'maximumPacketSize',
    'topicAliasMaximum',
    'requestResponseInformation',
    'requestProblemInformation',
    'userProperties',
  ],
  reconnect: ['enabled', 'initialDelayMs', 'maxDelayMs', 'maxAttempts'],
} as const;
const PART_NAMES = {
  will: 'The last will',
  connectProperties: 'The connect properties',
  reconnect: 'The reconnect policy',
};
const TEXT_NAMES = {
  id: 'The profile id',
  url: 'The broker URL',
  clientId: 'The client ID',
  username: 'The username',
  password: 'The password',
};

function pick(o: Obj, keys: readonly string[]): Obj {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

/** Why `v` cannot be a connection profile, or the profile (known fields only). */
function readProfile(v: unknown, judge: ProfileJudge): ConnectionProfile | string {
  if (!isObj(v)) return 'It has no connection profile.';
  const p = pick(v, PROFILE_KEYS);
  p.id ??= '';
  p.username ??= '';
  p.password ??= '';
  for (const [key, name] of Object.entries(TEXT_NAMES)) {
    if (typeof p[key] !== 'string') return `${name} must be text.`;
    if ((p[key] as string).length > MAX_TEXT_CHARS) return `${name} is too long.`;
  }
  if (typeof p.cleanStart !== 'boolean') return 'Clean start must be on or off.';
  if (p.rememberPassword !== undefined && typeof p.rememberPassword !== 'boolean') {
    return 'Remember password must be on or off.';
  }
  for (const [part, keys] of Object.entries(PARTS)) {
    if (p[part] === undefined) continue;
    if (!isObj(p[part])) return `${PART_NAMES[part as keyof typeof PARTS]} must be an object.`;
    p[part] = pick(p[part], keys);
  }
  // Every value is checked there, the same rules as before a connection attempt.
  const profile = p as unknown as ConnectionProfile;
  return judge(profile)?.message ?? profile;
}

/** A saved entry read from untrusted data, or why it cannot be one (in words). */
export function readSavedProfile(v: unknown, judge: ProfileJudge): SavedProfile | string {
  if (!isObj(v)) return 'It is not a saved profile (an object with key, name and profile).';
  const { key, name } = v;
  if (typeof key !== 'string' || key === '' || key.length > 200)
    return 'Its key must be text of 1 to 200 characters.';
  if (typeof name !== 'string' || name.length > 200)
    return 'Its name must be text of at most 200 characters.';
  const profile = readProfile(v.profile, judge);
  return typeof profile === 'string' ? profile : { key, name, profile };
}
