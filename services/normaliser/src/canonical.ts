import { nameKey } from '@abep/gazetteer';
import { parse as parseDomain } from 'tldts';

const TRACKING = /^(utm_.*|gclid|fbclid|mc_cid|mc_eid|_ga|_gl|msclkid|yclid|ref|source)$/i;

/** https, lower-case host without "www.", no fragment, no tracking parameters, no trailing slash; undefined if not a web URL. */
export function canonicalUrl(raw: string): string | undefined {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.protocol = 'https:';
  url.hostname = url.hostname.toLowerCase().replace(/^www\./, '');
  url.hash = '';
  url.port = '';
  for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
  url.searchParams.sort();
  url.pathname = url.pathname.replace(/\/(index\.(html?|php|aspx?))?$/i, '') || '/';
  const out = url.toString();
  return url.pathname === '/' && !url.search ? out.replace(/\/$/, '') : out;
}

/**
 * A URL as published: exactly the page a person can open (scheme, host and port kept), minus the fragment
 * and tracking parameters. Identity uses canonicalUrl instead.
 */
export function displayUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(raw.trim()) ? raw.trim() : `https://${raw.trim()}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
  return url.toString();
}

/** Display form of a name: trimmed, single spaces. */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

const LEGAL_SUFFIX =
  / (ltd|limited|cic|plc|llp|community interest company|cio|charitable incorporated organisation)$/;

/** Matching key of an organisation name: no legal suffixes, no leading "The", "&" = "and", case-free. */
export function orgNameKey(name: string): string {
  let key = nameKey(name)
    .replace(/^the /, '')
    // "School Partnership" / "Schools' Partnership", "Partnerships" / "Partnership": one body.
    .replace(/\bschools\b/g, 'school')
    .replace(/\bpartnerships\b/g, 'partnership');
  for (;;) {
    // "Foo Partnership Board" is Foo Partnership's board, not another body.
    const next = key
      .replace(LEGAL_SUFFIX, '')
      .replace(/ (partnership|alliance|network|collaborative) board$/, ' $1');
    if (next === key) return key;
    key = next;
  }
}

/** Companies House number: 8 characters, digits zero-padded; undefined if it cannot be one. */
export function canonicalCompanyNumber(raw: string): string | undefined {
  const text = raw.replace(/[\s.-]/g, '').toUpperCase();
  if (/^\d{1,8}$/.test(text)) return text.padStart(8, '0');
  if (/^[A-Z]{2}\d{1,6}$/.test(text)) return text.slice(0, 2) + text.slice(2).padStart(6, '0');
  return undefined;
}

/** Charity Commission number: 6–7 digits (a "-1" subsidiary suffix is dropped); undefined otherwise. */
export function canonicalCharityNumber(raw: string): string | undefined {
  const text = raw.replace(/\s/g, '').replace(/-\d+$/, '');
  return /^\d{6,7}$/.test(text) ? text : undefined;
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
 * The website identity of a partnership: its registrable domain ("example.org.uk"), or, on shared hosts,
 * council (.gov.uk) and school sites, the host and path, since the domain belongs to someone else.
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
