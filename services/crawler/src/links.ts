import { boundHtml } from '@abep/fetcher';
import { load } from 'cheerio';

/**
 * Absolute http(s) URLs of the links on an HTML page, resolved against <base href> or the page URL,
 * normalised by `normalise`, deduplicated, in document order. Other schemes (file:, javascript:, mailto:,
 * tel:, data:) and unparsable hrefs are dropped. Only the first DEFAULT_HTML_BOUNDS.maxChars of a page are read.
 */
export function discoverLinks(
  html: string,
  pageUrl: string,
  normalise: (url: string, base: string) => string,
): string[] {
  // Bounded first: parse5 is quadratic in one element's attributes and in nesting depth.
  const $ = load(boundHtml(html).html);
  let base = pageUrl;
  const baseHref = $('base[href]').first().attr('href');
  if (baseHref) {
    try {
      base = new URL(baseHref, pageUrl).href;
    } catch {
      // A broken <base> is ignored, as browsers do.
    }
  }
  const found = new Set<string>();
  $('a[href], area[href]').each((_i, element) => {
    const href = $(element).attr('href')?.trim();
    if (!href || href.startsWith('#')) return;
    let resolved: URL;
    try {
      resolved = new URL(href, base);
    } catch {
      return;
    }
    if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return;
    try {
      found.add(normalise(resolved.href, base));
    } catch {
      // Unnormalisable URLs are not links we can request.
    }
  });
  return [...found];
}
