import { AbepError, assertUrlLength } from '@abep/schemas';
import { getDomain } from 'tldts';
import { isTrackingParam } from './tracking-params.ts';

/** RFC 3986 §6.2.2.2: upper-case escapes, and decode escapes of unreserved characters (%7E → ~). */
function normaliseEscapes(part: string): string {
  return part.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

function normaliseQuery(search: string): string {
  if (search === '' || search === '?') return '';
  const pairs = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map(normaliseEscapes)
    .filter((pair) => !isTrackingParam(pair.split('=', 1)[0] ?? ''));
  const keyed = pairs.map((pair, index) => ({ pair, key: pair.split('=', 1)[0] ?? '', index }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  return keyed.length === 0 ? '' : `?${keyed.map((k) => k.pair).join('&')}`;
}

/**
 * A canonical form of a URL for fetching and deduplication. The WHATWG parser lower-cases the scheme and host,
 * converts IDNs to punycode, drops default ports and resolves dot segments; on top of that the fragment and
 * tracking parameters go, the remaining parameters are sorted by name (stable, so repeated names keep their
 * order), escapes are normalised and a trailing dot on the host is removed. Throws URL_INVALID, also for a URL
 * longer than any topic carries (RECORD_LIMITS.url): no server would answer it, and no message could name it.
 */
export function normaliseUrl(url: string, base?: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), base);
  } catch (cause) {
    throw new AbepError('URL_INVALID', `not a valid URL: ${url.slice(0, 200)}`, {
      cause,
      details: { url: url.slice(0, 200) },
    });
  }
  parsed.hash = '';
  if (parsed.hostname.endsWith('.') && parsed.hostname.length > 1)
    parsed.hostname = parsed.hostname.slice(0, -1);
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    parsed.pathname = normaliseEscapes(parsed.pathname);
  }
  parsed.search = normaliseQuery(parsed.search);
  assertUrlLength(parsed.href);
  return parsed.href;
}

/**
 * The registrable domain (eTLD+1, private suffixes such as github.io included) of a URL or host name,
 * or null for IP addresses and bare suffixes.
 */
export function registrableDomain(urlOrHost: string): string | null {
  return getDomain(urlOrHost, { allowPrivateDomains: true });
}
