import { boundHtml } from '@abep/fetcher';
import { pageLinkUrls } from '@abep/urls';
import { load } from 'cheerio';

/**
 * The URLs a fetched page links to (`pageLinkUrls`: <base href> honoured, `normaliseUrl` form, each once, in
 * document order). Only the first DEFAULT_HTML_BOUNDS.maxChars of a page are read.
 */
export function discoverLinks(html: string, pageUrl: string): string[] {
  // Bounded first: parse5 is quadratic in one element's attributes and in nesting depth.
  return pageLinkUrls(load(boundHtml(html).html), pageUrl);
}
