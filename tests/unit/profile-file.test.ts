// The profiles export file: no password ever leaves, a good file comes back equal (fresh keys
// where taken), and each bad entry or bad file is refused in words with its position.
import { describe, expect, test } from 'vitest';
import {
  MAX_PROFILE_FILE_BYTES,
  MAX_PROFILE_FILE_ENTRIES,
  profileFileText,
  readProfileFile,
} from '../../shared/profiles/profile-file';
import { profileError } from '../../shared/profiles/profile-validation';
import type { SavedProfile } from '../../shared/protocol';

const SECRET = 's3cret-Pa55';

function saved(key: string, name: string): SavedProfile {
  return {
    key,
    name,
    profile: {
      id: `c1@ws://broker.test:9001/mqtt`,
      url: 'ws://broker.test:9001/mqtt',
      clientId: 'c1',
      username: 'alice',
      password: SECRET,
      rememberPassword: true,
      keepaliveS: 30,
      cleanStart: false,
      sessionExpiryS: 3600,
      protocolVersion: 5,
      fallbackUrls: ['ws://broker2.test:9001/mqtt'],
      will: {
        topic: 'deck/will',
        payload: 'gone',
        qos: 1,
        retain: true,
        delayIntervalS: 5,
        userProperties: { site: ['a', 'b'] },
      },
      connectProperties: { receiveMaximum: 20, requestProblemInformation: true },
      reconnect: { enabled: true, initialDelayMs: 500, maxDelayMs: 10_000, maxAttempts: 3 },
    },
  };
}

let counter = 0;
const newKey = () => `fresh-${++counter}`;
const read = (text: string, taken: string[] = []) =>
  readProfileFile(text, new TextEncoder().encode(text).length, taken, newKey, profileError);

describe('profile file', () => {
  test('the export carries no password, not even a remembered one', () => {
    const text = profileFileText([saved('k1', 'Plant')]);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('rememberPassword');
    expect(JSON.parse(text)).toMatchObject({ format: 'mqtt-deck-profiles', version: 1 });
  });

  test('a good file comes back equal except for secrets; a taken key gets a fresh one', () => {
    const original = saved('k1', 'Plant');
    const back = read(profileFileText([original, saved('k2', 'Lab')]), ['k1']);
    expect(back.errors).toEqual([]);
    expect(back.profiles.map((p) => p.key)).toEqual([expect.stringMatching(/^fresh-/), 'k2']);
    const expected = { ...original.profile, password: '' };
    delete expected.rememberPassword;
    expect(back.profiles[0]?.profile).toEqual(expected);
    expect(back.profiles[0]?.name).toBe('Plant');
  });

  test('remember password without a password is dropped on import', () => {
    const file = JSON.parse(profileFileText([saved('k1', 'Plant')])) as {
      profiles: { profile: Record<string, unknown> }[];
    };
    file.profiles[0]!.profile.rememberPassword = true;
    file.profiles[0]!.profile.password = 'smuggled';
    const back = read(JSON.stringify(file));
    expect(back.profiles[0]?.profile.rememberPassword).toBeUndefined();
    expect(back.profiles[0]?.profile.password).toBe('');
  });

  test('each bad entry is reported with its position and why; good ones still import', () => {
    const good = saved('k1', 'Good');
    const badUrl = saved('k2', 'Bad URL');
    badUrl.profile.url = 'http://broker.test/';
    const file = {
      format: 'mqtt-deck-profiles',
      version: 1,
      profiles: [
        good,
        badUrl,
        { key: 'k3', name: 'No keepalive', profile: { ...good.profile, keepaliveS: 'soon' } },
        { key: 'k4', name: 'Bad will', profile: { ...good.profile, will: { topic: 't', qos: 7 } } },
        'not an object',
      ],
    };
    const back = read(JSON.stringify(file));
    expect(back.profiles.map((p) => p.name)).toEqual(['Good']);
    expect(back.errors).toEqual([
      expect.stringMatching(/^Profile 2 \("Bad URL"\): .*ws:\/\/ or wss:\/\//),
      expect.stringMatching(/^Profile 3 \("No keepalive"\): Keepalive must be a whole number/),
      expect.stringMatching(/^Profile 4 \("Bad will"\): Last will QoS must be 0, 1 or 2/),
      expect.stringMatching(/^Profile 5: It is not a saved profile/),
    ]);
  });

  test('shapes profileError would trip over are refused in words; unknown fields are dropped', () => {
    const base = saved('k1', 'X').profile;
    const entries = [
      { key: 'a', name: 'Null will', profile: { ...base, will: null } },
      { key: 'b', name: 'Odd clean start', profile: { ...base, cleanStart: 'yes' } },
      { key: 'c', name: 'Numeric URL', profile: { ...base, url: 42 } },
      {
        key: 'd',
        name: 'Extra',
        profile: { ...base, evil: '<img>', will: { ...base.will, x: 1 } },
      },
    ];
    const file = { format: 'mqtt-deck-profiles', version: 1, profiles: entries };
    const back = read(JSON.stringify(file));
    expect(back.errors).toEqual([
      'Profile 1 ("Null will"): The last will must be an object.',
      'Profile 2 ("Odd clean start"): Clean start must be on or off.',
      'Profile 3 ("Numeric URL"): The broker URL must be text.',
    ]);
    expect(back.profiles[0]?.profile).not.toHaveProperty('evil');
    expect(back.profiles[0]?.profile.will).not.toHaveProperty('x');
  });

  test('whole-file problems are refused in one sentence', () => {
    expect(read('{').errors).toEqual([expect.stringMatching(/not JSON/)]);
    expect(read('{"format":"other","version":1,"profiles":[]}').errors[0]).toMatch(
      /not an MQTT Deck profile file/,
    );
    expect(read('{"format":"mqtt-deck-profiles","version":2,"profiles":[]}').errors[0]).toMatch(
      /version 2/,
    );
    const many = {
      format: 'mqtt-deck-profiles',
      version: 1,
      profiles: Array(MAX_PROFILE_FILE_ENTRIES + 1).fill(0),
    };
    expect(read(JSON.stringify(many)).errors[0]).toMatch(/at most 500/);
    const big = readProfileFile('{}', MAX_PROFILE_FILE_BYTES + 1, [], newKey, profileError);
    expect(big.errors[0]).toMatch(/at most 1 MiB/);
  });
});
