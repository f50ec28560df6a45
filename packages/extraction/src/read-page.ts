import type {
  LaRoleObservation,
  ObservationSource,
  ObservationV1,
  PageKind,
  PartnershipFields,
  PartnershipObservation,
  SourceKind,
} from '@abep/schemas';
import { analysePage, describeOrganisation, websiteFor } from './analyse.ts';
import { extractAreas } from './areas.ts';
import { type Candidate, candidatesOf, pageLaOf } from './candidates.ts';
import { classifyPartnership } from './classify.ts';
import { extractRelationship } from './fields.ts';
import { isCouncilDocument, readLaRoles } from './la-roles.ts';
import { readMemberSchools } from './member-schools.ts';
import { contextFor, isGenericName } from './mentions.ts';
import { observationId } from './observation-id.ts';
import { classifyPage, hostOf } from './page-kind.ts';
import type { PageInput } from './pipeline.ts';
import type { Places } from './places.ts';
import { CONFIDENCE, EDUCATION_NAME, PARTNERSHIP_NAME } from './rules/confidence.ts';
import { escapeRegex } from './rules/rule.ts';
import { clip, excerptAround } from './text.ts';

const REGIONAL =
  /\b(?:Greater Manchester|Greater London|North East|North West|South West|South East|East Midlands|West Midlands|East of England|Yorkshire|Black Country|Tees Valley|Humber|Thames Valley|Regional|National|England|UK|British|Wales|Welsh|Scotland|Scottish)\b/;
const FIRST_PERSON = /\b(?:we|our|us|we['’]re|we['’]ve)\b/gi;
const SPEAKS_AS_WE = /\b(?:we|our|us)\b/i;

function sourceKindOf(kind: PageKind): SourceKind {
  return kind === 'own-site' || kind === 'lookalike'
    ? 'own-site'
    : kind === 'council'
      ? 'council'
      : 'third-party';
}

/**
 * A place's name and "Learning" alone ("Riverton Learning"), standing as a name of its own: the way many area
 * partnerships name themselves (a fragment of "Riverton Learning Trust" is not one).
 */
function isPlaceLearning(c: Candidate, text: string): boolean {
  if (c.placeNames.length === 0 || !c.standalone) return false;
  const rest = c.placeNames.reduce((name, place) => name.replace(place, ''), c.name);
  if (!/^\s*Learning\s*$/.test(rest)) return false;
  // "Transforming Riverton Learning": the tail of a longer name, whatever follows it.
  const before = new RegExp(
    `(?<![\\w'’-])(?!(?:The|At|With|And|By|For|From|In|Of|On|To|Join|About)[ \\t])[A-Z][\\w'’-]*[ \\t]+${escapeRegex(c.name)}`,
  );
  return !before.test(text);
}

function confidenceOf(
  c: Candidate,
  abepScore: number,
  ownSubject: boolean,
  statedArea: boolean,
  text: string,
): number {
  let v = 0;
  if (EDUCATION_NAME.test(c.name) || isPlaceLearning(c, text)) v += CONFIDENCE.educationName;
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
  // The body a page speaks as describes itself in its first-person sentences too, wherever the page is
  // (its own site, or its newsletter on a document mirror): a look-alike may say what it is only there.
  if (subject) {
    const voice = analysed.sentences.filter((s) => SPEAKS_AS_WE.test(s)).join(' ');
    const own = classifyPartnership({
      name: subject.c.name,
      context: `${subject.context} ${voice}`,
      background: lead,
    });
    if (own.decision === 'lookalike') subject.classification = own;
  }
  const kind = classifyPage({
    url,
    text: analysed.text,
    councilSite: false,
    firstPerson: firstPerson >= 1,
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
    const confidence = confidenceOf(
      c,
      classification.score,
      isOwn,
      statedAreas.length > 0 || las.length > 0,
      analysed.text,
    );
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
  const councilSpeaks =
    kind === 'council' ||
    (kind === 'directory-or-report' && isCouncilDocument(analysed.title ?? '', analysed.text, places));
  const statements = readLaRoles(analysed.sentences, places, las, councilSpeaks);
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
