// Node's legacy `url.parse(url, true)` for mqtt.js's connect() in the worker, on the WHATWG URL
// the worker already has, instead of a 2,000-line port of Node's parser. It gives the fields
// connect() reads (protocol, hostname, port, auth, path, query) as Node's parser does for the
// absolute ws:// and wss:// URLs a profile can hold (profile-validation.ts). One difference: a
// non-ASCII path comes percent-encoded, which the WebSocket constructor does to it anyway.

/** The part of Node's `UrlWithParsedQuery` that mqtt.js reads. */
export interface LegacyUrl {
  protocol: string | null;
  slashes: boolean | null;
  auth: string | null;
  host: string | null;
  port: string | null;
  hostname: string | null;
  hash: string | null;
  search: string | null;
  query: Record<string, string | string[]>;
  pathname: string | null;
  path: string | null;
  href: string;
}

/** Scheme, authority ("user:pass@host:port") and the rest, as written. */
const RAW_URL = /^\s*([a-z][a-z\d+.-]*:)\/\/([^/?#\\]*)/i;

function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const seen = query[key];
    // Node's querystring collects a repeated key into an array.
    query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

function unparsed(text: string): LegacyUrl {
  // Node keeps a relative path as the path, which mqtt.js then rejects (a worker has no page
  // host); anything else has no protocol, which mqtt.js rejects too.
  const path = text.trim().startsWith('/') ? text.trim() : null;
  return {
    protocol: null,
    slashes: null,
    auth: null,
    host: null,
    port: null,
    hostname: null,
    hash: null,
    search: null,
    query: {},
    pathname: path,
    path,
    href: text,
  };
}

export function parse(text: string): LegacyUrl {
  const raw = RAW_URL.exec(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return unparsed(text);
  }
  if (!raw) return unparsed(text);
  const authority = raw[2] ?? '';
  const at = authority.lastIndexOf('@');
  const auth = at === -1 ? null : decodeURIComponent(authority.slice(0, at));
  // Node keeps an explicit port even when it is the scheme's default, which WHATWG drops.
  const port = /:(\d+)$/.exec(authority.slice(at + 1))?.[1] ?? null;
  // Node gives an IPv6 host without its brackets.
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const search = url.search === '' ? null : url.search;
  return {
    protocol: url.protocol,
    slashes: true,
    auth,
    host: port === null ? url.hostname : `${url.hostname}:${port}`,
    port,
    hostname,
    hash: url.hash === '' ? null : url.hash,
    search,
    query: queryOf(url.searchParams),
    pathname: url.pathname,
    path: url.pathname + (search ?? ''),
    href: url.href,
  };
}

export default { parse };
