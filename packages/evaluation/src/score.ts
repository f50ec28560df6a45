import type { LocalAuthorityProfileV1, PageKind, PartnershipV1 } from '@abep/schemas';
import { companyNumberKey, domainOf, labelLegalForm, numbersIn } from './field-rules.ts';
import type { Labels, PartnershipLabel } from './labels.ts';
import { indexLabels, laFit, laNamesOf, matchRecord } from './match.ts';
import { normaliseName } from './names.ts';
import { type FieldName, type FieldScore, PAGE_KIND_GROUP, type Report, type WrongRecord } from './report.ts';

/** A look-alike the normaliser rejected (audit/<crawlId>/rejected.json), for explaining misses. */
export interface RejectedMention {
  name: string;
  sourceUrl: string;
  reason: string;
  decision?: string;
}

export interface ScoreInput {
  labels: Labels;
  /** Every page the WARC files held (response URLs), decodable or not. */
  corpusUrls: readonly string[];
  /** Pages that could not be decoded as HTML text, with why. */
  undecodable: readonly { url: string; reason: string }[];
  partnerships: readonly PartnershipV1[];
  candidates: readonly PartnershipV1[];
  localAuthorities: readonly LocalAuthorityProfileV1[];
  /** From page-examined observations: the page's URL and the kind the extractor read from it. */
  examined: readonly { url: string; pageKind?: PageKind | undefined }[];
  rejected?: readonly RejectedMention[];
}

/** URLs compare after WHATWG parsing (host case, default port, percent-encoding case). */
export function urlKey(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

function sourcesOf(record: PartnershipV1): string[] {
  return [
    ...new Set(Object.values(record.provenance).flatMap((list) => list.map((p) => p.sourceUrl))),
  ].sort();
}

const excerptOf = (record: PartnershipV1, field = 'name') => record.provenance[field]?.[0]?.excerpt ?? '';

/**
 * Pure: labels and what one run published in, the evaluation report out. Strict by design: names match only
 * by equality of normalised variants, the first record per label is the hit and any other is a duplicate, and
 * `[borderline]` labels count as neither hit nor miss. See the package README for every definition.
 */
export function score(input: ScoreInput): Report {
  const { labels } = input;
  const corpus = new Set(input.corpusUrls.map(urlKey));
  const pagesInScope = labels.pages.filter((p) => corpus.has(urlKey(p.url)));
  const labelledUrls = new Set(labels.pages.map((p) => urlKey(p.url)));
  const order = new Map(labels.partnerships.map((p, i) => [p.id, i]));
  const byId = new Map(labels.partnerships.map((p) => [p.id, p]));
  const index = indexLabels(labels.partnerships);
  const pagesOf = (id: string) => labels.pages.filter((p) => p.partnerships.includes(id));
  const inScope = new Set<string>(pagesInScope.flatMap((p) => p.partnerships));
  for (const label of labels.partnerships)
    if (label.sourceUrls.some((u) => corpus.has(urlKey(u)))) inScope.add(label.id);
  const counted = (l: PartnershipLabel) => l.isAbep && !l.borderline && inScope.has(l.id);
  const expected = labels.partnerships.filter(counted);

  // Records matched to each label; the best-fitting record (LAs equal, then overlapping, then id) is the hit.
  const matched = new Map<string, PartnershipV1[]>();
  const unmatched: PartnershipV1[] = [];
  for (const record of input.partnerships) {
    const label = matchRecord(record, index, order);
    if (label) matched.set(label.id, [...(matched.get(label.id) ?? []), record]);
    else unmatched.push(record);
  }
  const hits: { record: PartnershipV1; label: PartnershipLabel }[] = [];
  const wrong: WrongRecord[] = [];
  const describe = (record: PartnershipV1, why: string, label?: PartnershipLabel): WrongRecord => ({
    id: record.id,
    name: record.name,
    localAuthorities: record.localAuthorities.map((la) => la.name),
    why,
    ...(label ? { labelId: label.id } : {}),
    sources: sourcesOf(record),
    nameExcerpt: excerptOf(record),
  });
  let borderline = 0;
  const borderlineRecords: WrongRecord[] = [];
  for (const [id, records] of matched) {
    const label = byId.get(id) as PartnershipLabel;
    if (label.borderline) {
      borderline += records.length;
      for (const r of records)
        borderlineRecords.push(describe(r, `borderline: ${label.id} "${label.name}"`, label));
      continue;
    }
    if (!label.isAbep) {
      for (const r of records)
        wrong.push(describe(r, `look-alike: ${label.id} "${label.name}" is not an ABEP`, label));
      continue;
    }
    const ranked = [...records].sort((a, b) => laFit(b, label) - laFit(a, label) || (a.id < b.id ? -1 : 1));
    const [first, ...rest] = ranked as [PartnershipV1, ...PartnershipV1[]];
    hits.push({ record: first, label });
    for (const r of rest)
      wrong.push(
        describe(r, `duplicate: ${label.id} "${label.name}" is already ${first.id} "${first.name}"`, label),
      );
  }
  for (const r of unmatched) wrong.push(describe(r, 'unmatched: no label has this name (or alias)'));
  const lookalikes = wrong.filter((w) => w.why.startsWith('look-alike')).length;
  const duplicates = wrong.filter((w) => w.why.startsWith('duplicate')).length;

  const hitIds = new Set(hits.filter((h) => inScope.has(h.label.id)).map((h) => h.label.id));
  const candidateIds = new Set(hitIds);
  for (const c of input.candidates) {
    const label = matchRecord(c, index, order);
    if (label && counted(label)) candidateIds.add(label.id);
  }
  const candidateFor = (label: PartnershipLabel) =>
    input.candidates.find((c) => matchRecord(c, index, order)?.id === label.id);
  const keys = index.keysOf;
  const misses = expected
    .filter((l) => !hitIds.has(l.id))
    .map((l) => {
      const candidate = candidateFor(l);
      const rejected = (input.rejected ?? []).filter((r) => keys.get(l.id)?.has(normaliseName(r.name)));
      return {
        labelId: l.id,
        name: l.name,
        pages: pagesOf(l.id).map((p) => ({ file: p.file, url: p.url })),
        ...(candidate
          ? {
              candidate: { id: candidate.id, name: candidate.name, confidence: candidate.confidence ?? null },
            }
          : {}),
        ...(rejected.length
          ? { rejected: rejected.map((r) => ({ sourceUrl: r.sourceUrl, reason: r.reason })) }
          : {}),
      };
    });

  // LA attribution and fields, over hit records.
  const exactLas = hits.filter((h) => laFit(h.record, h.label) === 2).length;
  const overlapLas = hits.filter((h) => laFit(h.record, h.label) >= 1).length;
  const wrongFacts: WrongRecord[] = [];
  for (const h of hits) {
    if (laFit(h.record, h.label) < 2) {
      const got = [...laNamesOf(h.record)].join('; ') || 'none';
      const want = h.label.localAuthorities.join('; ') || 'none';
      wrongFacts.push(describe(h.record, `LAs: published ${got}, labelled ${want}`, h.label));
    }
  }
  const fields = scoreFields(hits, wrongFacts, describe);

  const roles = scoreRoles(input, pagesInScope, corpus);
  const pageKinds = scorePageKinds(input, pagesInScope);

  const published = input.partnerships.length;
  const precision = ratio(hits.length, published - borderline);
  const report: Report = {
    corpus: {
      labelsDir: labels.dir,
      pages: corpus.size,
      labelledPages: pagesInScope.length,
      unlabelledPages: [...corpus].filter((u) => !labelledUrls.has(u)).sort(),
      labelledPagesMissing: labels.pages.filter((p) => !corpus.has(urlKey(p.url))).map((p) => p.url),
      undecodable: [...input.undecodable],
      notExamined: pageKinds.notExamined,
    },
    partnerships: {
      published,
      candidates: input.candidates.length,
      labelledAbeps: expected.length,
      hits: hits.length,
      duplicates,
      lookalikesPublished: lookalikes,
      unmatched: unmatched.length,
      borderlineMatched: borderline,
      precision,
      recall: ratio(hitIds.size, expected.length),
      recallIncludingCandidates: ratio(candidateIds.size, expected.length),
      laAttribution: { exact: ratio(exactLas, hits.length), overlap: ratio(overlapLas, hits.length) },
    },
    fields,
    laRoles: roles.summary,
    pageKinds: pageKinds.summary,
    explain: {
      misses,
      wrongRecords: wrong,
      borderlineRecords,
      wrongFacts,
      wrongRoles: roles.wrong,
      missedRoles: roles.missed,
      pageKindErrors: pageKinds.errors,
    },
    figures: {},
  };
  report.figures = figuresOf(report);
  return report;
}

function scoreFields(
  hits: { record: PartnershipV1; label: PartnershipLabel }[],
  wrong: WrongRecord[],
  describe: (r: PartnershipV1, why: string, l?: PartnershipLabel) => WrongRecord,
): Report['fields'] {
  type Check = (
    r: PartnershipV1,
    l: PartnershipLabel,
  ) => { labelled: boolean; stated: boolean; right: boolean };
  const checks: Record<FieldName, Check> = {
    website: (r, l) => ({
      labelled: l.websiteDomain !== '',
      stated: r.website !== undefined,
      right: r.website !== undefined && domainOf(r.website) === domainOf(l.websiteDomain),
    }),
    companyNumber: (r, l) => ({
      labelled: l.companyNumber !== '',
      stated: r.companyNumber !== undefined,
      right:
        r.companyNumber !== undefined &&
        companyNumberKey(r.companyNumber) === companyNumberKey(l.companyNumber),
    }),
    charityNumber: (r, l) => ({
      labelled: l.charityNumber !== '',
      stated: r.charityNumber !== undefined,
      right: r.charityNumber !== undefined && r.charityNumber.trim() === l.charityNumber.trim(),
    }),
    foundedYear: (r, l) => ({
      labelled: l.foundedYear !== undefined,
      stated: r.foundedYear !== undefined,
      right: r.foundedYear !== undefined && r.foundedYear === l.foundedYear,
    }),
    memberCount: (r, l) => ({
      labelled: numbersIn(l.memberCount).size > 0,
      stated: r.memberCount !== undefined,
      right: r.memberCount !== undefined && numbersIn(l.memberCount).has(r.memberCount),
    }),
    legalForm: (r, l) => {
      const want = labelLegalForm(l.legalForm);
      return { labelled: want !== undefined, stated: r.legalForm !== 'unknown', right: r.legalForm === want };
    },
  };
  const out = {} as Report['fields'];
  for (const [field, check] of Object.entries(checks) as [FieldName, Check][]) {
    const score: FieldScore = { right: 0, stated: 0, labelled: 0, statedUnlabelled: 0 };
    for (const { record, label } of hits) {
      const c = check(record, label);
      if (c.labelled) score.labelled++;
      if (c.stated && !c.labelled) score.statedUnlabelled++;
      if (!(c.labelled && c.stated)) continue;
      score.stated++;
      if (c.right) score.right++;
      else {
        const value = String((record as unknown as Record<string, unknown>)[field]);
        wrong.push(
          describe(record, `${field}: published ${value}, labelled ${labelValue(field, label)}`, label),
        );
      }
    }
    out[field] = score;
  }
  // A website on a host that is not the body's own (a news site, a document mirror) is wrong whatever the label.
  out.wrongWebsite = hits.filter(
    (h) =>
      h.record.website &&
      h.label.websiteDomain &&
      domainOf(h.record.website) !== domainOf(h.label.websiteDomain),
  ).length;
  return out;
}

function labelValue(field: FieldName, label: PartnershipLabel): string {
  switch (field) {
    case 'website':
      return label.websiteDomain;
    case 'companyNumber':
      return label.companyNumber;
    case 'charityNumber':
      return label.charityNumber;
    case 'foundedYear':
      return String(label.foundedYear);
    case 'memberCount':
      return `"${label.memberCount}"`;
    case 'legalForm':
      return `${labelLegalForm(label.legalForm)} ("${label.legalForm}")`;
  }
}

function scoreRoles(input: ScoreInput, pagesInScope: Labels['pages'], corpus: Set<string>) {
  const pair = (la: string, role: string) => `${la.toLowerCase()}=${role}`;
  const labelled = new Map<string, { la: string; role: string; pages: string[]; excerpt: string }>();
  const add = (la: string, role: string, url: string, excerpt = '') => {
    const k = pair(la, role);
    const entry = labelled.get(k) ?? { la, role, pages: [], excerpt: '' };
    if (!entry.pages.includes(url)) entry.pages.push(url);
    entry.excerpt ||= excerpt;
    labelled.set(k, entry);
  };
  for (const page of pagesInScope) for (const r of page.laRoles) add(r.laName, r.role, page.url);
  for (const r of input.labels.laRoles)
    if (corpus.has(urlKey(r.url))) add(r.laName, r.role, r.url, r.excerpt);
  const published = new Map<string, { la: string; role: string; sourceUrl: string; excerpt: string }>();
  for (const profile of input.localAuthorities) {
    for (const role of profile.roles) {
      const evidence = profile.provenance[`roles.${role}`]?.[0];
      published.set(pair(profile.name, role), {
        la: profile.name,
        role,
        sourceUrl: evidence?.sourceUrl ?? '',
        excerpt: evidence?.excerpt ?? '',
      });
    }
  }
  const right = [...published.keys()].filter((k) => labelled.has(k)).length;
  return {
    summary: {
      published: published.size,
      labelled: labelled.size,
      right,
      precision: ratio(right, published.size),
      recall: ratio(right, labelled.size),
    },
    wrong: [...published].filter(([k]) => !labelled.has(k)).map(([, v]) => v),
    missed: [...labelled].filter(([k]) => !published.has(k)).map(([, v]) => v),
  };
}

function scorePageKinds(input: ScoreInput, pagesInScope: Labels['pages']) {
  const kinds = new Map<string, PageKind | undefined>();
  for (const e of input.examined) {
    const k = urlKey(e.url);
    if (!kinds.has(k) || e.pageKind) kinds.set(k, e.pageKind);
  }
  let exact = 0;
  let grouped = 0;
  let unknown = 0;
  const errors: Report['explain']['pageKindErrors'] = [];
  const notExamined: string[] = [];
  for (const page of pagesInScope) {
    const k = urlKey(page.url);
    if (!kinds.has(k)) notExamined.push(page.url);
    const got = kinds.get(k);
    if (!got) unknown++;
    if (got === page.pageKind) exact++;
    else errors.push({ file: page.file, url: page.url, labelled: page.pageKind, got: got ?? null });
    if (got && PAGE_KIND_GROUP[got] === PAGE_KIND_GROUP[page.pageKind]) grouped++;
  }
  const n = pagesInScope.length;
  return {
    summary: {
      labelled: n,
      exact,
      grouped,
      noKind: unknown,
      accuracy: ratio(exact, n),
      groupAccuracy: ratio(grouped, n),
    },
    errors,
    notExamined,
  };
}

/** The flat figures a floor file can name; every one is "higher is better". */
export function figuresOf(report: Omit<Report, 'figures'>): Record<string, number | null> {
  const p = report.partnerships;
  const figures: Record<string, number | null> = {
    precision: p.precision,
    recall: p.recall,
    recallIncludingCandidates: p.recallIncludingCandidates,
    laAttributionExact: p.laAttribution.exact,
    laAttributionOverlap: p.laAttribution.overlap,
    laRolePrecision: report.laRoles.precision,
    laRoleRecall: report.laRoles.recall,
    pageKindAccuracy: report.pageKinds.accuracy,
    pageKindGroupAccuracy: report.pageKinds.groupAccuracy,
  };
  for (const field of [
    'website',
    'companyNumber',
    'charityNumber',
    'foundedYear',
    'memberCount',
    'legalForm',
  ] as const) {
    const f = report.fields[field];
    figures[`${field}Right`] = ratio(f.right, f.stated);
    figures[`${field}Coverage`] = ratio(f.right, f.labelled);
  }
  return figures;
}
