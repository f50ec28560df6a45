import { type CheerioAPI, load } from 'cheerio';
import { normaliseSpace } from './text.ts';

export type Html = CheerioAPI;

export function loadHtml(html: string): Html {
  return load(html);
}

const BOILERPLATE =
  'script, style, noscript, template, svg, iframe, nav, header, footer, aside, form, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], .cookie, .cookie-banner, #cookie-banner, .breadcrumb, .breadcrumbs, .skip-link';
const BLOCK_TAGS = new Set(
  'p li h1 h2 h3 h4 h5 h6 tr dd dt blockquote figcaption caption address div section article main ul ol dl table tbody thead tfoot td th pre hr center'.split(
    ' ',
  ),
);
const LEAF_CANDIDATES =
  'p, li, h1, h2, h3, h4, h5, h6, tr, dd, dt, blockquote, figcaption, caption, address, div, section';
/** Deeper than this, nesting is flattened: no real page needs it. */
const MAX_DEPTH = 200;
/** Deeper than this, content is not read at all, so hostile nesting cannot exhaust the stack. */
const MAX_WALK_DEPTH = 2000;

/** Spaces collapsed within each line; empty lines dropped. A `<br>` is a line break, never glue. */
function normaliseLines(text: string): string {
  return text.split('\n').map(normaliseSpace).filter(Boolean).join('\n');
}

type Node = { type: string; name?: string; data?: string; children?: Node[] };

/**
 * The page's readable blocks (paragraphs, list items, headings, table rows), boilerplate dropped, in document
 * order. One linear walk: text and inline elements accumulate until a block element starts or ends; `<br>`
 * becomes a line break inside the block, so a heading line and the sentence after it never run together.
 */
export function mainBlocks($: Html): string[] {
  const root = $('main').first().length
    ? $('main').first()
    : $('article').first().length
      ? $('article').first()
      : $('body').first();
  // Skipped rather than removed from a clone: cloning is recursive, and hostile nesting would exhaust the stack.
  const skip = new Set<unknown>(root.find(BOILERPLATE).toArray());
  const blocks: string[] = [];
  let buffer = '';
  const flush = () => {
    const text = normaliseLines(buffer);
    if (text) blocks.push(text);
    buffer = '';
  };
  const walk = (node: Node, depth: number): void => {
    if (depth > MAX_WALK_DEPTH || skip.has(node)) return;
    if (node.type === 'text') {
      buffer += node.data ?? '';
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const name = node.name ?? '';
    if (name === 'br') {
      buffer += '\n';
      return;
    }
    if (name === 'tr' && depth < MAX_DEPTH) {
      flush();
      const cells = (node.children ?? [])
        .filter((c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th'))
        .map((c) => normaliseSpace($(c as never).text()))
        .filter(Boolean);
      if (cells.length) blocks.push(cells.join(' | '));
      return;
    }
    const block = BLOCK_TAGS.has(name) && depth < MAX_DEPTH;
    if (block) flush();
    for (const child of node.children ?? []) walk(child, depth + 1);
    if (block) flush();
  };
  for (const node of root.toArray() as unknown as Node[]) walk(node, 0);
  flush();
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
