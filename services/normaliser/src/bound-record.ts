import type { LocalAuthorityProfileV1, MemberSchool, PartnershipV1, Provenance } from '@abep/schemas';
import { EXCERPT_MAX, RECORD_LIMITS as R } from '@abep/schemas';

type Note = (what: string, from: number, to: number) => void;

function cutters(truncated: string[]) {
  const seen = new Set(truncated);
  const note: Note = (what, from, to) => {
    const entry = `${what} ${from}→${to}`;
    if (from > to && !seen.has(entry)) truncated.push(entry);
    seen.add(entry);
  };
  const text = <T extends string | undefined>(what: string, value: T, max: number): T => {
    if (value === undefined || value.length <= max) return value;
    note(what, value.length, max);
    return value.slice(0, max) as T;
  };
  const list = <T>(what: string, values: readonly T[], max: number): T[] => {
    note(what, values.length, max);
    return values.slice(0, max);
  };
  /** Entries whose URL is over the limit are dropped, not cut: a cut URL points somewhere else. */
  const urls = <T>(what: string, values: readonly T[], url: (v: T) => string): T[] => {
    const kept = values.filter((v) => url(v).length <= R.url);
    if (kept.length < values.length) note(`${what} over ${R.url} chars`, values.length, kept.length);
    return kept;
  };
  return { note, text, list, urls };
}

function boundProvenance(
  provenance: Record<string, Provenance[]>,
  c: ReturnType<typeof cutters>,
  sources: number = R.provenanceSources,
): Record<string, Provenance[]> {
  const fields = Object.keys(provenance);
  const out: Record<string, Provenance[]> = {};
  for (const field of c.list('provenance fields', fields, R.provenanceFields)) {
    if (field.length > R.code) {
      c.note(`provenance field name over ${R.code} chars`, 1, 0);
      continue;
    }
    const entries = c
      .urls(`provenance.${field}`, provenance[field] ?? [], (p) => p.sourceUrl)
      .map((p) => ({
        ...p,
        extractorVersion: c.text('provenance extractorVersion', p.extractorVersion, R.code),
        ...(p.excerpt !== undefined ? { excerpt: c.text('provenance excerpt', p.excerpt, EXCERPT_MAX) } : {}),
        ...(p.curatedBy !== undefined
          ? { curatedBy: c.text('provenance curatedBy', p.curatedBy, R.code) }
          : {}),
        ...(p.reason !== undefined ? { reason: c.text('provenance reason', p.reason, R.text) } : {}),
      }));
    const kept = c.list(`provenance.${field}`, entries, sources);
    if (kept.length > 0) out[field] = kept;
  }
  return out;
}

function boundSchool(s: MemberSchool, c: ReturnType<typeof cutters>): MemberSchool {
  const out: MemberSchool = {
    ...s,
    name: c.text('memberSchool name', s.name, R.name),
    sourceUrl: s.sourceUrl,
  };
  if (s.giasName !== undefined) out.giasName = c.text('memberSchool giasName', s.giasName, R.name);
  if (s.phase !== undefined) out.phase = c.text('memberSchool phase', s.phase, R.code);
  if (s.excerpt !== undefined) out.excerpt = c.text('memberSchool excerpt', s.excerpt, EXCERPT_MAX);
  if (s.candidates)
    out.candidates = c
      .list('memberSchool candidates', s.candidates, R.candidates)
      .map((k) => ({ ...k, name: c.text('candidate name', k.name, R.name) }));
  return out;
}

function boundPartnership(r: PartnershipV1, c: ReturnType<typeof cutters>): PartnershipV1 {
  const out: PartnershipV1 = {
    ...r,
    name: c.text('name', r.name, R.name),
    aliases: c.list(
      'aliases',
      r.aliases.map((a) => c.text('alias', a, R.name)),
      R.aliases,
    ),
    localAuthorities: c.list('localAuthorities', r.localAuthorities, R.localAuthorities),
    regions: c.list('regions', r.regions, R.regions),
    memberSchoolUrns: c.list('memberSchoolUrns', r.memberSchoolUrns, R.memberSchoolUrns),
    phases: c.list('phases', r.phases, R.phases),
    focusAreas: c.list(
      'focusAreas',
      r.focusAreas.map((f) => c.text('focusArea', f, R.name)),
      R.focusAreas,
    ),
    provenance: boundProvenance(r.provenance, c),
  };
  if (r.description !== undefined) out.description = c.text('description', r.description, R.text);
  for (const key of ['website', 'contactUrl'] as const) {
    const url = r[key];
    if (url !== undefined && url.length > R.url) {
      c.note(`${key} over ${R.url} chars`, 1, 0);
      delete out[key];
      delete out.provenance[key];
    }
  }
  if (r.memberSchools) {
    const schools = c.urls('memberSchools', r.memberSchools, (s) => s.sourceUrl);
    out.memberSchools = c.list('memberSchools', schools, R.memberSchools).map((s) => boundSchool(s, c));
  }
  if (r.withdrawn) {
    const w = r.withdrawn;
    out.withdrawn = { ...w, reason: c.text('withdrawn reason', w.reason, R.text) };
    if (w.mergedInto !== undefined) out.withdrawn.mergedInto = c.text('mergedInto', w.mergedInto, R.code);
    if (w.by !== undefined) out.withdrawn.by = c.text('withdrawn by', w.by, R.code);
  }
  return out;
}

function boundProfile(p: LocalAuthorityProfileV1, c: ReturnType<typeof cutters>): LocalAuthorityProfileV1 {
  const out: LocalAuthorityProfileV1 = {
    ...p,
    name: c.text('name', p.name, R.name),
    roles: c.list('roles', p.roles, R.roles),
    partnershipIds: c.list('partnershipIds', p.partnershipIds, R.partnershipIds),
    pagesExamined: c.list(
      'pagesExamined',
      c.urls('pagesExamined', p.pagesExamined, (u) => u),
      R.pagesExamined,
    ),
    provenance: boundProvenance(p.provenance, c),
  };
  if (p.website !== undefined && p.website.length > R.url) {
    c.note(`website over ${R.url} chars`, 1, 0);
    delete out.website;
  }
  if (p.schools) {
    const phases = Object.entries(p.schools.byPhase);
    out.schools = {
      ...p.schools,
      byPhase: Object.fromEntries(c.list('schools.byPhase', phases, R.schoolPhases)),
    };
  }
  return out;
}

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** How many of `values`, from the start, fit in `budget` bytes as JSON array entries. */
function prefixWithin(values: readonly unknown[], budget: number): number {
  let used = 2;
  for (let i = 0; i < values.length; i++) {
    used += bytesOf(values[i]) + 1;
    if (used > budget) return i;
  }
  return values.length;
}

/**
 * Sheds detail, in this order, while the record is over RECORD_LIMITS.recordBytes: member schools from the
 * end (their URNs stay in memberSchoolUrns), then the later sources of each field's provenance (halving; the
 * chosen source stays first), then pages examined from the end. A record still over after that goes to the bus
 * as it is, and is dead-lettered there.
 */
function shed<T extends PartnershipV1 | LocalAuthorityProfileV1>(
  record: T,
  c: ReturnType<typeof cutters>,
): T {
  const why = `(record over ${R.recordBytes} bytes)`;
  let out = record;
  if (bytesOf(out) <= R.recordBytes) return out;
  if (out.kind === 'partnership' && out.memberSchools) {
    const { memberSchools: schools, ...rest } = out as PartnershipV1;
    const keep = prefixWithin(schools ?? [], R.recordBytes - bytesOf(rest) - 20);
    c.note(`memberSchools ${why}`, schools?.length ?? 0, keep);
    out = (keep > 0 ? { ...rest, memberSchools: schools?.slice(0, keep) } : rest) as T;
    if (keep === 0) delete out.provenance.memberSchools;
  }
  let sources = Math.max(1, ...Object.values(out.provenance).map((e) => e.length));
  while (sources > 1 && bytesOf(out) > R.recordBytes) {
    c.note(`provenance sources per field ${why}`, sources, Math.floor(sources / 2));
    sources = Math.floor(sources / 2);
    out = { ...out, provenance: boundProvenance(out.provenance, cutters([]), sources) };
  }
  if (out.kind === 'local-authority') {
    const { pagesExamined: pages, ...rest } = out as LocalAuthorityProfileV1;
    const keep = prefixWithin(pages, R.recordBytes - bytesOf(rest) - 20);
    c.note(`pagesExamined ${why}`, pages.length, keep);
    out = { ...out, pagesExamined: pages.slice(0, keep) };
  }
  return out;
}

/**
 * A register record trimmed to RECORD_LIMITS, so it passes its schema and fits on the bus: lists keep their
 * first entries, strings their start; URLs over the limit are dropped, not cut. Each cut is named in
 * `truncated`, e.g. "aliases 180→100".
 */
export function boundRecord<T extends PartnershipV1 | LocalAuthorityProfileV1>(
  record: T,
  truncated: string[],
): T {
  const c = cutters(truncated);
  const bounded = (
    record.kind === 'partnership' ? boundPartnership(record, c) : boundProfile(record, c)
  ) as T;
  return shed(bounded, c);
}
