import { type CheerioAPI, load } from 'cheerio';
import { normaliseSpace } from './text.ts';

export type Html = CheerioAPI;

export function loadHtml(html: string): Html {
  return load(html);
}

const BOILERPLATE =
  'script, style, noscript, template, svg, iframe, nav, header, footer, aside, form, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], .cookie, .cookie-banner, #cookie-banner, .breadcrumb, .breadcrumbs, .skip-link';
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, tr, dd, dt, blockquote, figcaption, caption, address';
const LEAF_CANDIDATES = `${BLOCKS}, div, section`;

/** The page's readable blocks (paragraphs, list items, headings, cells), boilerplate dropped, in document order. */
export function mainBlocks($: Html): string[] {
  const root = $('main').first().length
    ? $('main').first()
    : $('article').first().length
      ? $('article').first()
      : $('body');
  const clone = root.clone();
  clone.find(BOILERPLATE).remove();
  const blocks: string[] = [];
  clone.find(LEAF_CANDIDATES).each((_, el) => {
    const node = $(el);
    if (el.tagName === 'div' || el.tagName === 'section') {
      // Only text-bearing leaf containers: layouts that put prose straight into a div.
      if (node.find(LEAF_CANDIDATES).length === 0) {
        const text = normaliseSpace(node.text());
        if (text) blocks.push(text);
      }
      return;
    }
    if (el.tagName === 'tr') {
      const cells = node
        .children('td, th')
        .map((_, c) => normaliseSpace($(c).text()))
        .get()
        .filter(Boolean);
      if (cells.length) blocks.push(cells.join(' | '));
      return;
    }
    if (node.find(BLOCKS).length > 0 && !/^h\d$/.test(el.tagName)) {
      // A container block (e.g. li holding a p): take only its own direct text.
      const own = normaliseSpace(
        node
          .contents()
          .filter((_, c) => c.type === 'text' || !$(c).is(BLOCKS))
          .text(),
      );
      if (own) blocks.push(own);
      return;
    }
    const text = normaliseSpace(node.text());
    if (text) blocks.push(text);
  });
  if (blocks.length === 0) {
    const text = normaliseSpace(clone.text());
    if (text) blocks.push(text);
  }
  return blocks;
}

/** Main text as blocks joined with newlines; sentence splitting never crosses a block. */
export function mainText($: Html): string {
  return mainBlocks($).join('\n');
}

/** Text of the footer(s): company and charity numbers usually live here. */
export function footerText($: Html): string {
  // Blocks are joined with a space so "company no. 123456" and the next line's first word stay apart.
  const footers = $('footer, [role=contentinfo], .footer, #footer').clone();
  footers.find(LEAF_CANDIDATES).append(' ');
  return normaliseSpace(footers.text());
}

export function pageTitle($: Html): string | undefined {
  const title = normaliseSpace($('title').first().text());
  return title || undefined;
}

export function firstHeading($: Html): string | undefined {
  const h1 = normaliseSpace($('main h1, article h1, h1').first().text());
  return h1 || undefined;
}

/** `<meta name|property=…>` content by name, lower-cased keys (description, og:site_name, og:title, …). */
export function readMeta($: Html): Record<string, string> {
  const meta: Record<string, string> = {};
  $('meta[content]').each((_, el) => {
    const key = ($(el).attr('name') ?? $(el).attr('property') ?? '').toLowerCase();
    const content = normaliseSpace($(el).attr('content') ?? '');
    if (key && content && !(key in meta)) meta[key] = content;
  });
  return meta;
}

export interface PageLink {
  href: string;
  text: string;
}

/** Absolute http(s) links with their anchor text; fragments dropped, duplicates kept once. */
export function extractLinks($: Html, baseUrl: string): PageLink[] {
  const seen = new Set<string>();
  const links: PageLink[] = [];
  $('a[href]').each((_, el) => {
    const raw = $(el).attr('href') ?? '';
    let url: URL;
    try {
      url = new URL(raw, baseUrl);
    } catch {
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    url.hash = '';
    const href = url.toString();
    if (seen.has(href)) return;
    seen.add(href);
    links.push({ href, text: normaliseSpace($(el).text()) });
  });
  return links;
}
