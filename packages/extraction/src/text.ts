import { EXCERPT_MAX } from '@abep/schemas';

/** Collapses runs of whitespace (including non-breaking spaces) to single spaces. */
export function normaliseSpace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

const ABBREVIATIONS = /\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Ltd|Co|Cllr|Rev|e\.g|i\.e|etc|approx|inc)\.$/i;

/**
 * Splits prose into sentences on `.`, `!` or `?` followed by a space and a capital, digit or quote,
 * keeping common abbreviations ("Dr.", "No.", "Ltd.") and decimals inside a sentence.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const re = /[.!?]+["'\u2019\u201d)]?\s+(?=["'\u2018\u201c(]?[A-Z0-9£])/g;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].trimEnd().length;
    const candidate = text.slice(start, end);
    if (ABBREVIATIONS.test(candidate)) continue;
    const s = candidate.trim();
    if (s) out.push(s);
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/**
 * An excerpt of at most `max` characters around the first occurrence of `match` (string or regex) in
 * `text`, cut at word boundaries with an ellipsis where trimmed. Returns the text's start when there is no match.
 */
export function excerptAround(text: string, match: string | RegExp, max = EXCERPT_MAX): string {
  const clean = normaliseSpace(text);
  if (clean.length <= max) return clean;
  let index = 0;
  let length = 0;
  if (typeof match === 'string') {
    index = clean.toLowerCase().indexOf(match.toLowerCase());
    length = match.length;
  } else {
    const m = new RegExp(match.source, match.flags.replace('g', '')).exec(clean);
    index = m ? m.index : -1;
    length = m ? m[0].length : 0;
  }
  if (index < 0) {
    index = 0;
    length = 0;
  }
  const budget = max - 2; // room for the ellipses
  if (length >= budget) return `${clean.slice(index, index + budget).trimEnd()}…`.slice(0, max);
  let from = Math.max(0, index - Math.floor((budget - length) / 2));
  let to = Math.min(clean.length, from + budget);
  from = Math.max(0, to - budget);
  if (from > 0) {
    const space = clean.indexOf(' ', from);
    if (space > 0 && space < index) from = space + 1;
  }
  if (to < clean.length) {
    const space = clean.lastIndexOf(' ', to);
    if (space > index + length) to = space;
  }
  const body = clean.slice(from, to).trim();
  return `${from > 0 ? '…' : ''}${body}${to < clean.length ? '…' : ''}`;
}

/** Caps a string at the excerpt limit without cutting a word where it can avoid it. */
export function clip(text: string, max = EXCERPT_MAX): string {
  const clean = normaliseSpace(text);
  if (clean.length <= max) return clean;
  const cut = clean.lastIndexOf(' ', max - 1);
  return `${clean.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}
