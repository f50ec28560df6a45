import type { LaSchoolCounts, LocalAuthority } from '@abep/gazetteer';
import type { LocalAuthorityProfileV1, PartnershipV1 } from '@abep/schemas';
import { laSchools } from './build-member-schools.ts';
import { compareText, uniqueSorted } from './canonical.ts';

/** One partnership, flattened for tables (CSV, Parquet). Lists stay lists here; each format decides how to write them. */
export interface PartnershipRow {
  id: string;
  name: string;
  aliases: string[];
  website: string | null;
  description: string | null;
  type: string;
  legal_form: string;
  company_number: string | null;
  charity_number: string | null;
  founded_year: number | null;
  member_count: number | null;
  member_school_urns: string[];
  resolved_member_count: number;
  phases: string[];
  focus_areas: string[];
  contact_url: string | null;
  status: string;
  la_codes: string[];
  la_names: string[];
  gss_codes: string[];
  region_codes: string[];
  region_names: string[];
  first_seen: string;
  last_seen: string;
  crawls_unseen: number;
  source_urls: string[];
}

export interface LinkRow {
  partnership_id: string;
  partnership_name: string;
  la_code: string;
  gss_code: string;
  la_name: string;
}

export interface LaProfileRow {
  la_code: string;
  gss_code: string;
  la_name: string;
  region_code: string;
  region_name: string;
  website: string | null;
  roles: string[];
  is_funder: boolean;
  is_convener: boolean;
  is_deliverer: boolean;
  partnership_count: number;
  partnership_ids: string[];
  partnership_names: string[];
  coverage: string;
  last_crawled: string | null;
  pages_examined: string[];
  evidence_urls: string[];
  open_state_schools: number | null;
  primary_schools: number | null;
  secondary_schools: number | null;
  schools_by_phase: string | null;
  member_schools: number | null;
  member_school_share: number | null;
}

function sourceUrls(provenance: Record<string, { sourceUrl: string }[]>): string[] {
  return uniqueSorted(Object.values(provenance).flatMap((list) => list.map((p) => p.sourceUrl)));
}

const byLaCode = (p: PartnershipV1) =>
  [...p.localAuthorities].sort((a, b) => compareText(a.laCode, b.laCode));
const byRegionCode = (p: PartnershipV1) => [...p.regions].sort((a, b) => compareText(a.code, b.code));

/**
 * Each column of the partnerships table, read from a record: Parquet fills one whole column at a time from
 * these, so no table of row objects is held. partnershipRow is all of them at once.
 */
export const partnershipColumns: { [K in keyof PartnershipRow]: (p: PartnershipV1) => PartnershipRow[K] } = {
  id: (p) => p.id,
  name: (p) => p.name,
  aliases: (p) => p.aliases,
  website: (p) => p.website ?? null,
  description: (p) => p.description ?? null,
  type: (p) => p.type,
  legal_form: (p) => p.legalForm,
  company_number: (p) => p.companyNumber ?? null,
  charity_number: (p) => p.charityNumber ?? null,
  founded_year: (p) => p.foundedYear ?? null,
  member_count: (p) => p.memberCount ?? null,
  member_school_urns: (p) => p.memberSchoolUrns,
  resolved_member_count: (p) => p.memberSchoolUrns.length,
  phases: (p) => p.phases,
  focus_areas: (p) => p.focusAreas,
  contact_url: (p) => p.contactUrl ?? null,
  status: (p) => p.status,
  la_codes: (p) => byLaCode(p).map((la) => la.laCode),
  la_names: (p) => byLaCode(p).map((la) => la.name),
  gss_codes: (p) => byLaCode(p).map((la) => la.gssCode),
  region_codes: (p) => byRegionCode(p).map((r) => r.code),
  region_names: (p) => byRegionCode(p).map((r) => r.name),
  first_seen: (p) => p.firstSeen,
  last_seen: (p) => p.lastSeen,
  crawls_unseen: (p) => p.crawlsUnseen,
  source_urls: (p) => sourceUrls(p.provenance),
};

/** All columns at once, sorting each list once (a test pins it to partnershipColumns). */
export function partnershipRow(p: PartnershipV1): PartnershipRow {
  const las = byLaCode(p);
  const regions = byRegionCode(p);
  return {
    id: p.id,
    name: p.name,
    aliases: p.aliases,
    website: p.website ?? null,
    description: p.description ?? null,
    type: p.type,
    legal_form: p.legalForm,
    company_number: p.companyNumber ?? null,
    charity_number: p.charityNumber ?? null,
    founded_year: p.foundedYear ?? null,
    member_count: p.memberCount ?? null,
    member_school_urns: p.memberSchoolUrns,
    resolved_member_count: p.memberSchoolUrns.length,
    phases: p.phases,
    focus_areas: p.focusAreas,
    contact_url: p.contactUrl ?? null,
    status: p.status,
    la_codes: las.map((la) => la.laCode),
    la_names: las.map((la) => la.name),
    gss_codes: las.map((la) => la.gssCode),
    region_codes: regions.map((r) => r.code),
    region_names: regions.map((r) => r.name),
    first_seen: p.firstSeen,
    last_seen: p.lastSeen,
    crawls_unseen: p.crawlsUnseen,
    source_urls: sourceUrls(p.provenance),
  };
}

/** The LAs a partnership covers, one per code, in code order. */
export function coveredLas(p: PartnershipV1): PartnershipV1['localAuthorities'] {
  const las = [...new Map(p.localAuthorities.map((la) => [la.laCode, la])).values()];
  return las.sort((a, b) => compareText(a.laCode, b.laCode));
}

/** partnership × LA, sorted by partnership id then LA code. */
export function linkRows(partnerships: readonly PartnershipV1[]): LinkRow[] {
  const rows: LinkRow[] = [];
  for (const p of partnerships) {
    for (const la of coveredLas(p)) {
      rows.push({
        partnership_id: p.id,
        partnership_name: p.name,
        la_code: la.laCode,
        gss_code: la.gssCode,
        la_name: la.name,
      });
    }
  }
  return rows;
}

/**
 * One profile per gazetteer LA (all 153), whether or not the register has one: an LA the crawl never reached
 * is `not-crawled` with no roles. Its partnerships are those published partnerships that name it, so the
 * profile, the link table and the map always agree within a snapshot.
 */
export function laProfiles(
  las: readonly LocalAuthority[],
  registered: readonly LocalAuthorityProfileV1[],
  partnerships: readonly PartnershipV1[],
  schoolCounts?: ReadonlyMap<string, LaSchoolCounts>,
): LocalAuthorityProfileV1[] {
  const byCode = new Map(registered.map((p) => [p.laCode, p]));
  const idsByLa = new Map<string, Set<string>>();
  for (const p of partnerships) {
    for (const la of coveredLas(p)) {
      const ids = idsByLa.get(la.laCode) ?? new Set<string>();
      ids.add(p.id);
      idsByLa.set(la.laCode, ids);
    }
  }
  return [...las]
    .sort((a, b) => compareText(a.laCode, b.laCode))
    .map((la): LocalAuthorityProfileV1 => {
      const found = byCode.get(la.laCode);
      const partnershipIds = uniqueSorted(idsByLa.get(la.laCode) ?? []);
      const website = found?.website ?? la.website;
      const schools = laSchools(la.laCode, schoolCounts, partnerships);
      return {
        kind: 'local-authority',
        laCode: la.laCode,
        gssCode: la.gssCode,
        name: la.laName,
        region: { code: la.region.code, name: la.region.name },
        ...(website ? { website } : {}),
        roles: found ? (uniqueSorted(found.roles) as LocalAuthorityProfileV1['roles']) : [],
        partnershipIds,
        pagesExamined: found ? uniqueSorted(found.pagesExamined) : [],
        coverage: found?.coverage ?? 'not-crawled',
        ...(found?.lastCrawled ? { lastCrawled: found.lastCrawled } : {}),
        provenance: found?.provenance ?? {},
        ...(schools ? { schools } : {}),
      };
    });
}

export function laProfileRow(
  profile: LocalAuthorityProfileV1,
  namesById: ReadonlyMap<string, string>,
): LaProfileRow {
  return {
    la_code: profile.laCode,
    gss_code: profile.gssCode,
    la_name: profile.name,
    region_code: profile.region.code,
    region_name: profile.region.name,
    website: profile.website ?? null,
    roles: profile.roles,
    is_funder: profile.roles.includes('funder'),
    is_convener: profile.roles.includes('convener'),
    is_deliverer: profile.roles.includes('deliverer'),
    partnership_count: profile.partnershipIds.length,
    partnership_ids: profile.partnershipIds,
    partnership_names: profile.partnershipIds.map((id) => namesById.get(id) ?? ''),
    coverage: profile.coverage,
    last_crawled: profile.lastCrawled ?? null,
    pages_examined: profile.pagesExamined,
    evidence_urls: sourceUrls(profile.provenance),
    open_state_schools: profile.schools?.openStateSchools ?? null,
    primary_schools: profile.schools ? (profile.schools.byPhase.primary ?? 0) : null,
    secondary_schools: profile.schools ? (profile.schools.byPhase.secondary ?? 0) : null,
    schools_by_phase: profile.schools
      ? Object.entries(profile.schools.byPhase)
          .map(([phase, n]) => `${phase}=${n}`)
          .join('; ')
      : null,
    member_schools: profile.schools?.memberSchools ?? null,
    member_school_share: profile.schools?.memberShare ?? null,
  };
}
