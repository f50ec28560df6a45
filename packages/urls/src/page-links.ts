import type { CheerioAPI } from 'cheerio';
import { normaliseUrl } from './normalise-url.ts';

export interface PageLink {
  /** Absolute http(s) URL in `normaliseUrl` form. */
  href: string;
  /** Anchor text, spaces collapsed ('' for an image map area). */
  text: string;
}

/**
 * The http(s) links of a parsed page (`<a href>` and `<area href>`), resolved against the first `<base href>`
 * (a broken one is ignored, as browsers do) or else the page URL, in `normaliseUrl` form, each once (its
 * first element, whose text is read only when asked for), in document order. Other schemes (javascript:, mailto:, tel:, data:, file:), fragment-only
 * and unparsable hrefs are dropped. Callers bound hostile HTML before parsing it.
 */
function linkElements($: CheerioAPI, pageUrl: string): Map<string, () => string> {
  let base = pageUrl;
  const baseHref = $('base[href]').first().attr('href')?.trim();
  if (baseHref) {
    try {
      base = new URL(baseHref, pageUrl).href;
    } catch {
      // ignored, as browsers do
    }
  }
  const found = new Map<string, () => string>();
  $('a[href], area[href]').each((_i, element) => {
    const raw = $(element).attr('href')?.trim();
    if (!raw || raw.startsWith('#')) return;
    let resolved: URL;
    try {
      resolved = new URL(raw, base);
    } catch {
      return;
    }
    if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return;
    try {
      const href = normaliseUrl(resolved.href);
      if (!found.has(href)) found.set(href, () => $(element).text());
    } catch {
      // not a URL we could request
    }
  });
  return found;
}

/** The URLs a page links to, as `linkElements` finds them. */
export function pageLinkUrls($: CheerioAPI, pageUrl: string): string[] {
  return [...linkElements($, pageUrl).keys()];
}

/** The links of a page with their text (the text of each URL's first link), as `linkElements` finds them. */
export function pageLinks($: CheerioAPI, pageUrl: string): PageLink[] {
  return [...linkElements($, pageUrl)].map(([href, text]) => ({
    href,
    text: text()
      .replace(/[\s\u00a0]+/g, ' ')
      .trim(),
  }));
}
