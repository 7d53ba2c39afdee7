// The bad-input table's rows for subscriptions and connection profiles (filters, client IDs,
// credentials, limits, URLs), and the character helpers both halves of the table use.
import type { ErrorCode } from '../../worker/protocol';
import type { ProfileRow, SubscribeRow } from './bad-input-table';

export const hex = (n: number) => `U\\+${n.toString(16).toUpperCase().padStart(4, '0')}`;
export const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
export const HIGH = '\uD83D';
export const LOW = '\uDE00';

/** Bad code points, each in a topic at three places, or once in the middle. */
export const placed = (char: string) =>
  [
    ['start', `${char}deck/x`],
    ['middle', `deck/${char}/x`],
    ['end', `deck/x${char}`],
  ] as const;

const subscribe = (name: string, filter: string, message: RegExp): SubscribeRow => ({
  kind: 'subscribe',
  name,
  filter,
  expected: { code: 'invalid-topic', message },
});
const subscribeQos = (qos: unknown): SubscribeRow => ({
  kind: 'subscribe',
  name: `subscribe QoS ${String(qos)}`,
  filter: 'deck/x',
  qos,
  expected: { code: 'invalid-option', message: /QoS must be 0, 1 or 2/ },
});
export const FILTERS: SubscribeRow[] = [
  ...[3, -1, 1.5, Number.NaN, '1'].map(subscribeQos),
  ...['a/#/b', '#/a', '#/#'].map((f) => subscribe(`filter "${f}"`, f, /last level/)),
  ...['a#', '#a', 'a/b#', 'a/#b', '##'].map((f) =>
    subscribe(`filter "${f}"`, f, /"#" must fill a whole level/),
  ),
  ...['a+', '+a', 'a/b+', 'a/+b/c', '++', 'a/++/b'].map((f) =>
    subscribe(`filter "${f}"`, f, /"\+" must fill a whole level/),
  ),
  subscribe('empty filter', '', /filter is empty/),
  ...placed('\u0000').map(([at, f]) => subscribe(`filter U+0000 at ${at}`, f, /NUL/)),
  ...[`a${HIGH}`, `${HIGH}/#`].map((f, i) => subscribe(`filter lone high ${i}`, f, /lone high/)),
  ...[`a/${LOW}`, `+/${LOW}b`].map((f, i) => subscribe(`filter lone low ${i}`, f, /lone low/)),
  ...[0x01, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x9f].map((n) =>
    subscribe(
      `filter control ${hex(n).slice(1)}`,
      `a/${String.fromCharCode(n)}/#`,
      new RegExp(`control character ${hex(n)}`),
    ),
  ),
  ...[0xffff, 0xfffe, 0xfdd0].map((n) =>
    subscribe(
      `filter non-character ${hex(n).slice(1)}`,
      `a/${String.fromCharCode(n)}`,
      /non-character/,
    ),
  ),
  subscribe('filter of 65,536 bytes', `${'f'.repeat(65_534)}/#`, /65,536 bytes/),
  subscribe('filter of 21,846 × €', '€'.repeat(21_846), /65,538 bytes/),
  ...['$share//a', '$share/g+/a', '$share/#/a'].map((f) =>
    subscribe(`shared filter "${f}"`, f, /share name without wildcards/),
  ),
  ...['$share/g', '$share/g/'].map((f) =>
    subscribe(`shared filter "${f}"`, f, /topic filter after its share name/),
  ),
];

const profile = (name: string, fields: ProfileRow['profile'], code: ErrorCode, message: RegExp) =>
  ({ kind: 'profile', name, profile: fields, expected: { code, message } }) satisfies ProfileRow;
export const PROFILES: ProfileRow[] = [
  ...[
    ['U+0000', 'deck\u0000', /NUL/],
    ['lone high surrogate', `deck${HIGH}`, /lone high surrogate/],
    ['lone low surrogate', `${LOW}deck`, /lone low surrogate/],
    ['U+0001', 'deck\u0001', /control character U\+0001/],
    ['U+000A', 'deck\n1', /control character U\+000A/],
    ['U+007F', 'deck\u007f', /control character U\+007F/],
    ['U+FFFF', 'deck\uffff', /non-character U\+FFFF/],
    ['65,536 bytes', 'c'.repeat(65_536), /65,536 bytes/],
  ].map(([what, clientId, message]) =>
    profile(
      `client ID with ${String(what)}`,
      { clientId },
      'client-id-rejected',
      message as RegExp,
    ),
  ),
  profile(
    'empty client ID without clean start',
    { clientId: '', cleanStart: false },
    'client-id-rejected',
    /client ID is required/,
  ),
  ...[
    ['U+0000', 'user\u0000', /username contains a NUL/],
    ['a lone surrogate', `user${HIGH}`, /username contains a lone high/],
    ['U+0007', 'user\u0007', /username contains the control character U\+0007/],
    ['65,536 bytes', 'u'.repeat(65_536), /username is 65,536 bytes/],
  ].map(([what, username, message]) =>
    profile(`username with ${String(what)}`, { username }, 'bad-credentials', message as RegExp),
  ),
  profile(
    'password with a lone surrogate',
    { username: 'u', password: `pw${LOW}` },
    'bad-credentials',
    /password contains a lone surrogate/,
  ),
  profile(
    'password of 65,536 bytes',
    { username: 'u', password: 'p'.repeat(65_536) },
    'bad-credentials',
    /password is 65,536 bytes/,
  ),
  profile('password without username', { password: 'secret' }, 'bad-credentials', /username too/),
  ...[-1, 1.5, 65_536, Number.NaN].map((keepaliveS) =>
    profile(
      `keepalive ${keepaliveS}`,
      { keepaliveS },
      'protocol-error',
      /Keepalive must be a whole number/,
    ),
  ),
  ...[-1, 1.5, 2 ** 32].map((sessionExpiryS) =>
    profile(
      `session expiry ${sessionExpiryS}`,
      { sessionExpiryS },
      'invalid-option',
      /Session expiry must be a whole number/,
    ),
  ),
  ...[3, 6].map((protocolVersion) =>
    profile(
      `MQTT version ${protocolVersion}`,
      { protocolVersion },
      'protocol-error',
      /3\.1\.1 or 5\.0/,
    ),
  ),
];

const url = (value: string, message: RegExp) =>
  profile(`broker URL "${value}"`, { url: value }, 'bad-url', message);
export const URLS: ProfileRow[] = [
  url('', /Enter the broker URL/),
  url('   ', /Enter the broker URL/),
  url('not a url', /"not a url" is not a URL/),
  url('ws//127.0.0.1/mqtt', /is not a URL/),
  url('ws://[::1/mqtt', /is not a URL/),
  url('ws://127.0.0.1:99999/mqtt', /is not a URL/),
  url('ws://127.0.0.1:-1/mqtt', /is not a URL/),
  url('localhost:9001', /not localhost:\/\//),
  url('mqtt://127.0.0.1:1883', /WebSockets only.*not mqtt:\/\//),
  url('mqtts://127.0.0.1:8883', /not mqtts:\/\//),
  url('tcp://127.0.0.1:1883', /not tcp:\/\//),
  url('http://127.0.0.1/mqtt', /not http:\/\//),
  url('https://127.0.0.1/mqtt', /not https:\/\//),
  url('file:///etc/passwd', /not file:\/\//),
  url('javascript:alert(1)', /not javascript:\/\//),
  url('ws://', /is not a URL|no host/),
  url('wss://', /is not a URL|no host/),
  url('ws://user:secret@127.0.0.1/mqtt', /username and password in their own fields/),
  url('ws://user@127.0.0.1/mqtt', /username and password in their own fields/),
  url('ws://127.0.0.1/mqtt#fragment', /fragment/),
];
