import type {
  LaRoleObservation,
  ObservationSource,
  ObservationV1,
  PageKind,
  PartnershipFields,
  PartnershipObservation,
  SourceKind,
} from '@abep/schemas';
import { type AnalysedPage, analysePage, describeOrganisation, websiteFor } from './analyse.ts';
import { extractAreas } from './areas.ts';
import { classifyPartnership } from './classify.ts';
import { extractRelationship } from './fields.ts';
import { readLaRoles } from './la-roles.ts';
import { readMemberSchools } from './member-schools.ts';
import { acronymsFor, contextFor, findOrganisationNames, formerNamesFor, isGenericName } from './mentions.ts';
import { observationId } from './observation-id.ts';
import { classifyPage, hostOf } from './page-kind.ts';
import type { PageInput } from './pipeline.ts';
import type { Places } from './places.ts';
import { CONFIDENCE, EDUCATION_NAME, PARTNERSHIP_NAME } from './rules/confidence.ts';
import { escapeRegex } from './rules/rule.ts';
import { SELF_REFERENCE_RULES } from './rules/self-reference.ts';
import { clip, excerptAround } from './text.ts';

/** More names than this on one page is a list or a hostile page: the first ones are read, the rest counted. */
const MAX_NAMES = 120;
const REGIONAL =
  /\b(?:Greater Manchester|Greater London|North East|North West|South West|South East|East Midlands|West Midlands|East of England|Yorkshire|Black Country|Tees Valley|Humber|Thames Valley|Regional|National|England|UK|British|Wales|Welsh|Scotland|Scottish)\b/;
const FIRST_PERSON = /\b(?:we|our|us|we['’]re|we['’]ve)\b/gi;
const SPEAKS_AS_WE = /\b(?:we|our|us)\b/i;

interface Candidate {
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

interface PageLa {
  codes: string[];
  /** How the page writes the LA's name (its commonest form), for qualifying a generic name. */
  name?: string;
}

/** Words that put a body beyond one area: such a body is not the page LA's, whatever the page is about. */
const WIDER_SCOPE =
  /\b(?:national(?:ly)?|nationwide|across (?:England|the country|the UK)|regional|region-wide|sub-regional)\b/i;

/**
 * The LA a page is about: its seed's, else the one it names most (the title counts three times) when it
 * clearly leads, or the only LA it names.
 */
function pageLaOf(page: PageInput, analysed: AnalysedPage, places: Places): PageLa {
  const counts = new Map<string, { n: number; codes: string[]; forms: Map<string, number> }>();
  const add = (text: string, weight: number) => {
    for (const p of places.find(text)) {
      const key = p.laCodes.join('+');
      const entry = counts.get(key) ?? { n: 0, codes: p.laCodes, forms: new Map() };
      entry.n += weight;
      entry.forms.set(p.text, (entry.forms.get(p.text) ?? 0) + 1);
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
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n);
  const [top, second] = ranked;
  if (!top || (ranked.length > 1 && (top.n < 2 || (second && second.n * 2 > top.n)))) return { codes: [] };
  const name = formOf(top);
  return { codes: top.codes, ...(name ? { name } : {}) };
}

function candidatesOf(
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
    return {
      name,
      aliases,
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

function sourceKindOf(kind: PageKind): SourceKind {
  return kind === 'own-site' || kind === 'lookalike'
    ? 'own-site'
    : kind === 'council'
      ? 'council'
      : 'third-party';
}

function confidenceOf(c: Candidate, abepScore: number, ownSubject: boolean, statedArea: boolean): number {
  let v = 0;
  if (EDUCATION_NAME.test(c.name)) v += CONFIDENCE.educationName;
  else if (PARTNERSHIP_NAME.test(c.name)) v += CONFIDENCE.partnershipName;
  if (c.laCodes.length > 0) v += CONFIDENCE.placeInName;
  v += Math.min(CONFIDENCE.selfCueMax, CONFIDENCE.selfCue * c.cues.size);
  v += Math.min(CONFIDENCE.abepCueMax, CONFIDENCE.abepCue * abepScore);
  if (c.mentions >= 2) v += CONFIDENCE.repeated;
  if (c.inTitle) v += CONFIDENCE.inTitle;
  if (ownSubject) v += CONFIDENCE.ownSubject;
  if (!c.standalone) v += CONFIDENCE.neverStandalone;
  if (c.laCodes.length === 0 && !(ownSubject && statedArea)) v = Math.min(v, CONFIDENCE.noPlaceCap);
  return Math.round(Math.max(0, Math.min(1, v)) * 100) / 100;
}

export interface ReadPageMeta {
  extractorVersion: string;
}

/**
 * Reads one page whatever pipeline fetched it: what kind of page it is, the bodies it names as names (with a
 * decision and a confidence each), the LA roles it states and for which LA. Pure; ends with one page-examined.
 */
export function readPage(page: PageInput, places: Places, meta: ReadPageMeta): ObservationV1[] {
  const url = page.finalUrl || page.url;
  const analysed = analysePage(page.html, url);
  const pageLa = pageLaOf(page, analysed, places);
  const las = pageLa.codes;
  const { list } = candidatesOf(analysed, places, pageLa);
  const firstPerson = [...analysed.text.slice(0, 20000).matchAll(FIRST_PERSON)].length;
  const lead = [analysed.title, analysed.heading, analysed.blocks.find((b) => b.length > 40)]
    .filter(Boolean)
    .join('\n');

  const classified = list.map((c) => {
    const context = [c.name, ...c.aliases].map((n) => contextFor(n, analysed.blocks)).join(' ');
    const classification = classifyPartnership({ name: c.name, context, background: lead });
    const regional = REGIONAL.test(
      c.name.replace(new RegExp(c.placeNames.map(escapeRegex).join('|') || '^$', 'g'), ''),
    );
    return { c, context, classification, regional };
  });
  const declared = analysed.jsonLd?.name?.trim();
  const subject =
    (declared ? classified.find((x) => x.c.name === declared) : undefined) ??
    classified.find((x) => x.c.hostMatch) ??
    (firstPerson >= 3
      ? classified.find(
          (x) => x.c.cues.has('welcome') || x.c.cues.has('copyright') || x.c.cues.has('first-person'),
        )
      : undefined);
  const kind = classifyPage({
    url,
    text: analysed.text,
    councilSite: false,
    ...(subject
      ? { subject: { lookalike: subject.classification.decision === 'lookalike' || subject.regional } }
      : {}),
  });
  const own = subject && (kind === 'own-site' || kind === 'lookalike') ? subject : undefined;
  const source: ObservationSource = {
    crawlId: page.crawlId,
    pipeline: page.pipeline,
    url,
    fetchedAt: page.fetchedAt,
    pageSha256: page.sha256,
    sourceKind: sourceKindOf(kind),
    extractorVersion: meta.extractorVersion,
    ...(page.laCode ? { laCode: page.laCode } : {}),
  };

  const partnerships: PartnershipObservation[] = [];
  for (const x of classified) {
    const { c, classification } = x;
    const isOwn = own === x;
    const context = isOwn
      ? [
          analysed.jsonLd?.description ?? analysed.meta.description,
          ...analysed.sentences.filter((s) => s.includes(c.name) || SPEAKS_AS_WE.test(s)),
        ]
          .filter(Boolean)
          .join(' ')
      : x.context;
    const statedAreas = extractAreas(isOwn ? analysed.text : context).filter(
      (a) => places.find(a.value).length > 0,
    );
    const confidence = confidenceOf(c, classification.score, isOwn, statedAreas.length > 0 || las.length > 0);
    const lookalike = classification.decision === 'lookalike' || x.regional;
    const decision = lookalike
      ? 'lookalike'
      : confidence >= CONFIDENCE.minObserved && (isOwn || !isGenericName(c.name))
        ? 'abep'
        : 'unclear';
    const origin = new URL('/', url).toString();
    // A page whose heading is this body's name, naming no other, is all about it (a register entry).
    const aboutIt =
      !isOwn && list.length === 1 && [analysed.heading, analysed.title].some((h) => h?.includes(c.name));
    const fields: PartnershipFields = describeOrganisation(c.name, context, {
      ...(isOwn
        ? {
            fieldText: [
              analysed.jsonLd?.description,
              analysed.meta.description,
              analysed.text,
              analysed.footer,
            ]
              .filter(Boolean)
              .join('\n'),
            website: { href: origin, text: c.name },
            ...(analysed.jsonLd ? { jsonLd: analysed.jsonLd } : {}),
          }
        : {}),
      ...(aboutIt ? { fieldText: [analysed.text, analysed.footer].join('\n') } : {}),
      ...(isOwn && (analysed.jsonLd?.description ?? analysed.meta.description)
        ? { description: clip(analysed.jsonLd?.description ?? analysed.meta.description ?? '') }
        : {}),
    });
    if (c.aliases.length) fields.aliases = c.aliases;
    if (isOwn) {
      const members = readMemberSchools(analysed);
      if (members.length) fields.memberSchools = members.map((m) => ({ value: m.name, excerpt: m.excerpt }));
    }
    const areas =
      c.laCodes.length > 0
        ? c.placeNames.map((p) => ({ value: p, excerpt: excerptAround(context || c.name, c.name) }))
        : statedAreas.length > 0
          ? statedAreas
          : las.length > 0
            ? [{ value: las[0] ?? '', excerpt: clip(`page about ${las.join(', ')}`) }]
            : [];
    if (areas.length) fields.areas = areas;
    else delete fields.areas;
    const reason = [
      x.regional ? 'look-alike (regional or national name)' : classification.reason,
      `page: ${kind}${isOwn ? ' (own page of this body)' : ''}`,
      c.cues.size ? `named as a name: ${[...c.cues].join(', ')}` : 'no self-reference',
      `${c.mentions} mention(s)`,
    ].join('; ');
    partnerships.push({
      kind: 'partnership',
      observationId: observationId(url, page.sha256, c.name),
      source,
      decision,
      ...(lookalike ? { lookalikeType: classification.lookalikeType ?? 'other' } : {}),
      reason: reason.slice(0, 1000),
      confidence,
      ...(extractRelationship(context) ? { relationship: extractRelationship(context) } : {}),
      fields,
    });
  }

  const roles: LaRoleObservation[] = [];
  const statements = readLaRoles(analysed.sentences, places, las, kind === 'council');
  for (const laCode of [...new Set(statements.map((s) => s.laCode))]) {
    const mine = statements.filter((s) => s.laCode === laCode);
    roles.push({
      kind: 'la-role',
      observationId: observationId(url, page.sha256, `la-role:${laCode}`, 'la-role'),
      source,
      laCode,
      roles: mine.map((s) => ({ value: s.role, excerpt: s.excerpt })),
    });
  }

  const links = partnerships
    .filter((o) => o.decision === 'abep')
    .map((o) => websiteFor(o.fields.name.value, analysed.links, url)?.href)
    .filter((href): href is string => !!href && hostOf(href) !== hostOf(url));
  const title = analysed.title ?? analysed.heading;
  const aboutLas = [...new Set([...las, ...statements.map((s) => s.laCode)])];
  return [
    ...partnerships,
    ...roles,
    {
      kind: 'page-examined',
      observationId: observationId(url, page.sha256, '', 'page-examined'),
      source,
      ...(page.laCode ? { laCode: page.laCode } : {}),
      ...(title ? { title: title.slice(0, 300) } : {}),
      pageKind: kind,
      ...(aboutLas.length ? { aboutLas } : {}),
      ...(links.length ? { partnershipLinks: [...new Set(links)] } : {}),
    },
  ];
}
