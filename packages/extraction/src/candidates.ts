import type { AnalysedPage } from './analyse.ts';
import { acronymsFor, contextFor, findOrganisationNames, formerNamesFor, isGenericName } from './mentions.ts';
import { hostOf } from './page-kind.ts';
import type { PageInput } from './pipeline.ts';
import type { Places } from './places.ts';
import { EDUCATION_NAME } from './rules/confidence.ts';
import { escapeRegex } from './rules/rule.ts';
import { SELF_REFERENCE_RULES } from './rules/self-reference.ts';

/** More names than this on one page is a list or a hostile page: the first ones are read, the rest counted. */
const MAX_NAMES = 120;

export interface Candidate {
  name: string;
  aliases: string[];
  mentions: number;
  cues: Set<string>;
  laCodes: string[];
  placeNames: string[];
  inTitle: boolean;
  hostMatch: boolean;
  /** Some mention is not run on into a longer capitalised phrase. */
  standalone: boolean;
}

const compact = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/^the\s+/, '')
    .replace(/[^a-z0-9]/g, '');
const initials = (s: string) =>
  s
    .split(/\s+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0]?.toLowerCase())
    .join('');

/** "Riverton Learning Partnership Board" → "Riverton Learning Partnership", the partnership the board may govern. */
const GOVERNED = /^(.*\s(?:Partnership|Alliance|Collaborative))\s+(?:Executive\s+|Strategic\s+)?Board$/;

/** The host's distinctive label, hyphens dropped: "www.riverton-schools.org.uk" → "rivertonschools". */
function hostLabel(url: string): string {
  const parts = hostOf(url)
    .split('.')
    .filter((p) => p !== 'www');
  return (parts[0] ?? '').replace(/[^a-z0-9]/g, '');
}

/** The host label spelt by some of the name's words, in order, starting with its first: "rivertonalliance". */
function spelledByWords(name: string, label: string): boolean {
  const words = name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let at = 0;
  let used = 0;
  for (const [i, w] of words.entries()) {
    if (label.startsWith(w, at)) {
      at += w.length;
      used++;
    } else if (i === 0) return false;
  }
  return at === label.length && used >= 2;
}

function matchesHost(name: string, aliases: readonly string[], label: string): boolean {
  if (label.length < 3) return false;
  const c = compact(name);
  if (c === label || initials(name) === label) return true;
  if (aliases.some((a) => compact(a) === label)) return true;
  // A generic name ("Schools Partnership") inside a longer host says nothing about whose site it is.
  if (isGenericName(name)) return false;
  return (
    (c.length >= 6 && label.includes(c)) ||
    (label.length >= 6 && c.includes(label)) ||
    spelledByWords(name, label)
  );
}

function countOf(text: string, phrase: string): number {
  if (!phrase) return 0;
  const re = new RegExp(`(?<![\\w])${escapeRegex(phrase)}(?![\\w])`, 'g');
  return [...text.matchAll(re)].length;
}

function selfCues(text: string, names: readonly string[]): Set<string> {
  const cues = new Set<string>();
  for (const name of names) {
    for (const rule of SELF_REFERENCE_RULES) {
      if (cues.has(rule.label)) continue;
      const re = new RegExp(rule.pattern.replaceAll('{NAME}', escapeRegex(name)), rule.flags ?? 'i');
      if (re.test(text)) cues.add(rule.label);
    }
  }
  return cues;
}

export interface PageLa {
  codes: string[];
  /** How the page writes the LA's name (its commonest form), for qualifying a generic name. */
  name?: string;
}

/** Words that put a body beyond one area: such a body is not the page LA's, whatever the page is about. */
const WIDER_SCOPE =
  /\b(?:national(?:ly)?|nationwide|across (?:England|the country|the UK)|regional|region-wide|sub-regional)\b/i;

/**
 * The LA a page is about: its seed's, else the council's whose own website it is on, else the one it names most (the title counts three times) when it
 * clearly leads, or the only LA it names.
 */
export function pageLaOf(page: PageInput, analysed: AnalysedPage, places: Places): PageLa {
  const counts = new Map<string, { n: number; codes: string[]; forms: Map<string, number> }>();
  const add = (text: string, weight: number) => {
    for (const p of places.find(text)) {
      const key = p.laCodes.join('+');
      const entry = counts.get(key) ?? { n: 0, codes: p.laCodes, forms: new Map() };
      entry.n += weight;
      // Between forms written equally often, the LA's own name beats a short form ("Blackburn").
      const own = p.text.toLowerCase() === p.name.toLowerCase() ? 0.5 : 0;
      entry.forms.set(p.text, (entry.forms.get(p.text) ?? 0) + 1 + own);
      counts.set(key, entry);
    }
  };
  add(analysed.title ?? '', 3);
  add(analysed.text.slice(0, 20000), 1);
  const formOf = (e: { forms: Map<string, number> }) =>
    [...e.forms].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]?.[0];
  // A partnership site's pages inherit the LA of whichever council page linked to it first: an arrival order,
  // not a fact about the page, so only the other pipelines' seed LA is taken as the page's.
  if (page.laCode && page.pipeline !== 'partnership-sites') {
    const seen = [...counts.values()].find((e) => e.codes.includes(page.laCode ?? ''));
    const name = (seen && formOf(seen)) ?? places.nameOf(page.laCode);
    return { codes: [page.laCode], ...(name ? { name } : {}) };
  }
  // A page on a council's own website is that council's, whatever else it names.
  const site = places.laOfHost(hostOf(analysed.url));
  if (site) {
    const seen = [...counts.values()].find((e) => e.codes.includes(site));
    const name = (seen && formOf(seen)) ?? places.nameOf(site);
    return { codes: [site], ...(name ? { name } : {}) };
  }
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n);
  const [top, second] = ranked;
  if (!top || (ranked.length > 1 && (top.n < 2 || (second && second.n * 2 > top.n)))) return { codes: [] };
  const name = formOf(top);
  return { codes: top.codes, ...(name ? { name } : {}) };
}

export function candidatesOf(
  analysed: AnalysedPage,
  places: Places,
  pageLa: PageLa,
): { list: Candidate[]; dropped: number } {
  const title = analysed.title ?? '';
  const found = findOrganisationNames([title, ...analysed.lines].join('\n'), (t) => places.find(t));
  const declared = analysed.jsonLd?.name?.trim();
  const names = declared && !found.includes(declared) ? [declared, ...found] : found;
  const label = hostLabel(analysed.url);
  const text = analysed.text;
  const list = names.slice(0, MAX_NAMES).map((written) => {
    const aliases = [...acronymsFor(written, text), ...formerNamesFor(written, text)];
    const cues = selfCues(text, [written, ...aliases]);
    let found = places.find(written);
    let name = written;
    // "Riverton’s Education Partnership": the place's possessive is how the text writes the body's name.
    const possessive = /^(.+?)['’]s\s+(.+)$/.exec(written);
    if (possessive?.[1] && possessive[2] && found[0]?.index === 0 && found[0].text === possessive[1]) {
      name = `${possessive[1]} ${possessive[2]}`;
      aliases.push(written);
    }
    // A generic name the text gives a body ("set up a School Improvement Board") on a page about one LA is
    // that LA's: published as "<LA> <name>", the words as written kept as an alias.
    if (
      found.length === 0 &&
      pageLa.name &&
      pageLa.codes.length > 0 &&
      isGenericName(written) &&
      EDUCATION_NAME.test(written) &&
      ['named', 'founded', 'defined'].some((cue) => cues.has(cue)) &&
      !WIDER_SCOPE.test(contextFor(written, analysed.blocks))
    ) {
      name = `${pageLa.name} ${written.replace(/^the\s+/i, '')}`;
      aliases.push(written);
      found = [{ laCodes: pageLa.codes, name: pageLa.name, text: pageLa.name, index: 0 }];
    }
    // "Riverton Learning Partnership Board" is the board of a partnership or the body's own name: either is found.
    const governed = GOVERNED.exec(written)?.[1];
    return {
      name,
      aliases: governed && !aliases.includes(governed) ? [...aliases, governed] : aliases,
      mentions:
        countOf(text, written) +
        aliases.filter((a) => a !== written).reduce((n, a) => n + countOf(text, a), 0),
      cues,
      laCodes: [...new Set(found.flatMap((p) => p.laCodes))],
      placeNames: found.map((p) => p.text),
      inTitle: title.includes(written),
      hostMatch: matchesHost(name, aliases, label),
      standalone:
        aliases.length > 0 ||
        new RegExp(`${escapeRegex(written)}(?![\\w'’-]|\\s+(?:[A-Z]|of\\s+[A-Z]))`).test(text),
    };
  });
  // An own site often calls itself only by its acronym ("At RSP we…"): an upper-case word spelling the host.
  if (label.length >= 3 && !list.some((c) => c.hostMatch)) {
    const acronym = [...text.matchAll(/\b[A-Z][A-Z&]{2,8}\b/g)]
      .map((m) => m[0])
      .find((a) => compact(a) === label);
    if (acronym && countOf(text, acronym) >= 2)
      list.push({
        name: acronym,
        aliases: [],
        mentions: countOf(text, acronym),
        cues: selfCues(text, [acronym]),
        laCodes: [],
        placeNames: [],
        inTitle: title.includes(acronym),
        hostMatch: true,
        standalone: true,
      });
  }
  return { list, dropped: Math.max(0, names.length - MAX_NAMES) };
}
