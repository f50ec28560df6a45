import { AbepError } from '@abep/schemas';

export interface WrappedPage {
  url: string;
  title: string;
  html: string;
}

/**
 * A line the corpus counts as a list item: `-`, `+`, `*` or a number with a full stop (`1.`) followed by a space,
 * or `•` (often written without one). A dash that starts a sentence ("-5 degrees") is rare enough in the corpus
 * not to matter.
 */
const BULLET = /^(?:[-+*]\s|\d+\.\s|•)/;
/** A heading is one line of at most this many characters with no final punctuation; longer lines are prose. */
export const HEADING_MAX_CHARS = 80;
/** Final punctuation, optionally followed by closing quotes or brackets. */
const FINAL_PUNCTUATION = /[.!?:;,…]["'”’)\]]*$/;

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function block(lines: string[]): string {
  if (lines.every((l) => BULLET.test(l))) {
    return `<ul>${lines.map((l) => `<li>${escapeHtml(l.replace(BULLET, '').trim())}</li>`).join('')}</ul>`;
  }
  const only = lines[0] ?? '';
  if (lines.length === 1 && only.length <= HEADING_MAX_CHARS && !FINAL_PUNCTUATION.test(only)) {
    return `<h2>${escapeHtml(only)}</h2>`;
  }
  return `<p>${lines.map(escapeHtml).join('<br>')}</p>`;
}

/**
 * Pure: a corpus page file (`URL: <address>`, a blank line, the page's text) as the minimal HTML the corpus
 * README describes: `<title>` the first non-empty line, blank-line-separated blocks as `<p>` (lines joined by
 * `<br>`), all-bullet blocks as `<ul>`, a single short unpunctuated line as `<h2>`.
 */
export function wrapPage(fileText: string, name = 'page'): WrappedPage {
  const lines = fileText.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = /^URL:\s*(\S+)\s*$/.exec(lines[0] ?? '');
  if (!first?.[1]) throw new AbepError('CONFIG_INVALID', `${name}: first line is not "URL: <address>"`);
  const url = first[1];
  if (!URL.canParse(url)) throw new AbepError('CONFIG_INVALID', `${name}: "${url}" is not a URL`);
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const raw of lines.slice(1)) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push(line.trim());
  }
  if (current.length) blocks.push(current);
  const title = blocks[0]?.[0] ?? '';
  const body = blocks.map(block).join('\n');
  const html = `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}\n</body></html>\n`;
  return { url, title, html };
}
