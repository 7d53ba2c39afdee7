// The captures registry as read back from settings: any version of the app may have written it,
// so each entry is kept only when its fields are sound, and cleaned where they are not.
import { describe, expect, it } from 'vitest';
import { readCaptureInfo } from '../../worker/history/captures';

const sound = {
  id: 'a1b2-c3',
  name: 'Plant',
  createdAt: 1_700_000_000_000,
  messages: 5,
  bytes: 50,
};

describe('capture registry entries', () => {
  it('keeps a sound entry with its optional fields', () => {
    const full = { ...sound, fileName: 'x.ndjson', firstTime: 1, lastTime: 2, importing: true };
    expect(readCaptureInfo(full)).toEqual(full);
    expect(readCaptureInfo(sound)).toEqual(sound);
  });

  it.each([
    ['not an object', 'capture'],
    ['null', null],
    ['no id', { ...sound, id: undefined }],
    ['an id that is no database name', { ...sound, id: '../other' }],
    ['a number name', { ...sound, name: 5 }],
    ['no creation time', { ...sound, createdAt: 'today' }],
  ])('drops an entry with %s', (_what, entry) => {
    expect(readCaptureInfo(entry)).toBeUndefined();
  });

  it('cleans fields it cannot trust', () => {
    const odd = {
      ...sound,
      name: 'n'.repeat(500),
      messages: -3,
      bytes: 'many',
      firstTime: NaN,
      importing: 'yes',
      extra: 1,
    };
    expect(readCaptureInfo(odd)).toEqual({
      ...sound,
      name: 'n'.repeat(100),
      messages: 0,
      bytes: 0,
    });
  });
});
