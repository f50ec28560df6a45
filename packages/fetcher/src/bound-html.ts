/**
 * Bounds on the HTML handed to a parser (the crawler's link discovery, the extractor), so no page can make
 * parsing super-linear or unbounded: cheerio's parser
 * (parse5) checks each attribute against the element's others (80,000 attributes on one element: minutes) and
 * walks the open-element stack per tag (deep nesting). Pages within the bounds pass through unchanged.
 */
export interface HtmlBounds {
  /** Characters parsed; the rest of the page is cut (at a tag boundary when one is near). */
  maxChars: number;
  /** Attributes kept per element; later ones are dropped (a browser keeps the first of duplicates too). */
  maxAttributesPerElement: number;
  /** Elements open at once; start tags deeper than this are dropped (their text is kept). */
  maxDepth: number;
}

export const DEFAULT_HTML_BOUNDS: HtmlBounds = {
  maxChars: 1_000_000,
  maxAttributesPerElement: 256,
  maxDepth: 512,
};

export interface BoundedHtml {
  html: string;
  /** What was cut, for the page-examined note and the log, e.g. "html chars 3800000→2000000". */
  truncated: string[];
}

const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
]);
/** Elements with no end tag, or whose end tag may be left out: they never count towards depth. */
const NOT_NESTING = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'param',
  'keygen',
  'frame',
  'basefont',
  'bgsound',
  'html',
  'head',
  'body',
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'optgroup',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'colgroup',
  'caption',
  'rb',
  'rt',
  'rtc',
  'rp',
]);

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

interface Tag {
  /** Index just past the tag's closing '>' (or the end of input). */
  end: number;
  name: string;
  /** [start, end) of each attribute, name through value. */
  attributes: [number, number][];
  selfClosing: boolean;
}

/** Reads a start or end tag at `i` (html[i] === '<', html[i + 1] a letter or '/'), per the HTML tokenizer. */
function readTag(html: string, i: number): Tag {
  let j = i + 1;
  if (html.charCodeAt(j) === 0x2f) j++;
  const nameStart = j;
  while (j < html.length && !isSpace(html.charCodeAt(j)) && html[j] !== '/' && html[j] !== '>') j++;
  const name = html.slice(nameStart, j).toLowerCase();
  const attributes: [number, number][] = [];
  let selfClosing = false;
  while (j < html.length) {
    const c = html.charCodeAt(j);
    if (isSpace(c)) {
      j++;
      continue;
    }
    if (c === 0x3e) return { end: j + 1, name, attributes, selfClosing };
    if (c === 0x2f) {
      selfClosing = html.charCodeAt(j + 1) === 0x3e;
      j++;
      continue;
    }
    const start = j;
    j++; // the first character of a name may be '=' (the tokenizer takes it as part of the name)
    while (j < html.length) {
      const d = html.charCodeAt(j);
      if (isSpace(d) || d === 0x2f || d === 0x3e || d === 0x3d) break;
      j++;
    }
    let k = j;
    while (k < html.length && isSpace(html.charCodeAt(k))) k++;
    if (html.charCodeAt(k) === 0x3d) {
      k++;
      while (k < html.length && isSpace(html.charCodeAt(k))) k++;
      const quote = html[k];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, k + 1);
        j = close === -1 ? html.length : close + 1;
      } else {
        j = k;
        while (j < html.length && !isSpace(html.charCodeAt(j)) && html[j] !== '>') j++;
      }
    }
    attributes.push([start, j]);
    selfClosing = false;
  }
  return { end: html.length, name, attributes, selfClosing };
}

/**
 * Applies `bounds` in one linear pass. Comments, doctypes and raw-text elements (script, style…) are copied
 * as they are; only tags over a bound are rewritten.
 */
export function boundHtml(input: string, bounds: HtmlBounds = DEFAULT_HTML_BOUNDS): BoundedHtml {
  const truncated: string[] = [];
  let html = input;
  if (html.length > bounds.maxChars) {
    const lastTag = html.lastIndexOf('<', bounds.maxChars);
    const cut = lastTag > bounds.maxChars - 4096 ? lastTag : bounds.maxChars;
    html = html.slice(0, cut);
    truncated.push(`html chars ${input.length}→${cut}`);
  }
  const out: string[] = [];
  let copied = 0;
  let attributesDropped = 0;
  let tagsDropped = 0;
  const open: string[] = [];
  const closers = new Map<string, RegExp>();
  let i = html.indexOf('<');
  while (i !== -1 && i < html.length) {
    const next = html.charCodeAt(i + 1);
    if (next === 0x21 || next === 0x3f) {
      // <!-- comment -->, <!DOCTYPE …>, <![CDATA[…]]>, <?…>: copied; they hold no tags.
      const close = html.startsWith('<!--', i) ? html.indexOf('-->', i + 4) : html.indexOf('>', i + 2);
      i = close === -1 ? -1 : html.indexOf('<', close + 1);
      continue;
    }
    const endTag = next === 0x2f;
    if (!(isAlpha(next) || (endTag && isAlpha(html.charCodeAt(i + 2))))) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const tag = readTag(html, i);
    let drop = false;
    let keepUntil = -1;
    if (endTag) {
      const at = open.lastIndexOf(tag.name);
      if (at === -1 && tagsDropped > 0) drop = true;
      else if (at !== -1) open.length = at;
    } else {
      if (tag.attributes.length > bounds.maxAttributesPerElement) {
        attributesDropped += tag.attributes.length - bounds.maxAttributesPerElement;
        keepUntil = (tag.attributes[bounds.maxAttributesPerElement - 1]?.[1] ??
          i + 1 + tag.name.length) as number;
      }
      const nests = !NOT_NESTING.has(tag.name) && !tag.selfClosing && !RAW_TEXT.has(tag.name);
      if (nests) {
        if (open.length >= bounds.maxDepth) {
          drop = true;
          tagsDropped++;
        } else open.push(tag.name);
      }
    }
    if (drop || keepUntil !== -1) {
      out.push(html.slice(copied, i));
      if (!drop) out.push(html.slice(i, keepUntil), tag.selfClosing ? '/>' : '>');
      copied = tag.end;
    }
    i = tag.end;
    if (!endTag && RAW_TEXT.has(tag.name)) {
      // Text up to the matching end tag is not markup.
      const closer = closers.get(tag.name) ?? new RegExp(`</${tag.name}`, 'gi');
      closers.set(tag.name, closer);
      closer.lastIndex = i;
      const close = closer.exec(html);
      i = close ? close.index : -1;
      continue;
    }
    i = html.indexOf('<', i);
  }
  if (attributesDropped) truncated.push(`attributes dropped ${attributesDropped}`);
  if (tagsDropped) truncated.push(`tags deeper than ${bounds.maxDepth} dropped ${tagsDropped}`);
  if (copied === 0) return { html, truncated };
  out.push(html.slice(copied));
  return { html: out.join(''), truncated };
}
