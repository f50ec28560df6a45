import { parse as parseDomain } from 'tldts';
import { normaliseUrl } from './normalise-url.ts';

/** `raw` as an http(s) URL, "https://" assumed when it has no scheme ("www.example.org"); undefined otherwise. */
function webUrl(raw: string): URL | undefined {
  const text = raw.trim();
  let href: string;
  try {
    href = normaliseUrl(/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  const url = new URL(href);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/**
 * A URL as published: the page a person can open (scheme, host and port kept), in the crawler's normal form
 * (`normaliseUrl`: no fragment, no tracking parameters); undefined if not a web URL.
 */
export function displayUrl(raw: string): string | undefined {
  return webUrl(raw)?.href;
}

/**
 * The URL of a site for matching two mentions of it: https, host without "www.", no port, no fragment or
 * tracking parameters, no trailing slash or index page; undefined if not a web URL.
 */
export function canonicalUrl(raw: string): string | undefined {
  const url = webUrl(raw);
  if (!url) return undefined;
  url.protocol = 'https:';
  url.hostname = url.hostname.replace(/^www\./, '');
  url.port = '';
  url.pathname = url.pathname.replace(/\/(index\.(html?|php|aspx?))?$/i, '') || '/';
  const out = url.href;
  return url.pathname === '/' && !url.search ? out.replace(/\/$/, '') : out;
}

/** The host of a URL without "www.", lower-case; '' if `url` cannot be parsed. */
export function bareHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Hosts that many organisations share: their registrable domain says nothing about who owns a page. */
const SHARED_HOSTS = new Set([
  'facebook.com',
  'twitter.com',
  'x.com',
  'linkedin.com',
  'instagram.com',
  'youtube.com',
  'google.com',
  'wordpress.com',
  'wixsite.com',
  'weebly.com',
  'squarespace.com',
  'blogspot.com',
  'eventbrite.co.uk',
]);

/**
 * The website identity of an organisation: its registrable domain ("dom:example.org.uk"), or, on shared
 * hosts, council (.gov.uk) and school sites, the host and path ("url:…"), since the domain belongs to someone
 * else. Register ids are derived from it, so a change here changes published ids.
 */
export function websiteIdentity(url: string): string | undefined {
  const canonical = canonicalUrl(url);
  if (!canonical) return undefined;
  const parsed = parseDomain(canonical, { allowPrivateDomains: true });
  const domain = parsed.domain;
  if (!domain || parsed.isIp) return undefined;
  const shared =
    SHARED_HOSTS.has(domain) || /\.(gov|sch|nhs|police|ac)\.uk$/.test(domain) || domain.endsWith('.gov.uk');
  if (!shared) return `dom:${domain}`;
  const u = new URL(canonical);
  return `url:${u.hostname}${u.pathname === '/' ? '' : u.pathname.toLowerCase()}`;
}
