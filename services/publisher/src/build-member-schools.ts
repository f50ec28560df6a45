import type { LaSchoolCounts } from '@abep/gazetteer';
import type { LocalAuthorityProfileV1, MemberSchool, PartnershipV1 } from '@abep/schemas';
import type { FieldSpec } from './table-fields.ts';

/** One member school of one partnership, as partnership-schools.csv/.json publish it. */
export interface PartnershipSchoolRow {
  partnership_id: string;
  urn: string | null;
  name_on_page: string;
  gias_name: string | null;
  la_code: string | null;
  phase: string | null;
  match: string;
  via_urn: string | null;
  candidate_urns: string[];
  evidence_url: string;
  excerpt: string | null;
}

export const partnershipSchoolFields: FieldSpec<PartnershipSchoolRow>[] = [
  { name: 'partnership_id', type: 'string', required: true, description: 'Partnership id (abep-…)' },
  { name: 'urn', type: 'string', description: 'GIAS URN of the school, when resolved without guessing' },
  {
    name: 'name_on_page',
    type: 'string',
    required: true,
    description: 'The school name as the page writes it',
  },
  { name: 'gias_name', type: 'string', description: 'The school’s GIAS name (July 2025 list)' },
  { name: 'la_code', type: 'string', description: 'DfE LA code of the school' },
  { name: 'phase', type: 'string', description: 'GIAS phase of education (slug)' },
  {
    name: 'match',
    type: 'string',
    required: true,
    description:
      'exact (same name), variant (same name in other wording: St/Saint, CE/C of E, Primary School/Academy…), fuzzy (a typo, similarity ≥ 0.9), ambiguous (several schools: see candidate_urns; none picked), unresolved',
    enum: ['exact', 'variant', 'fuzzy', 'ambiguous', 'unresolved'],
  },
  {
    name: 'via_urn',
    type: 'string',
    description: 'Closed URN whose old name matched, followed to its successor',
  },
  {
    name: 'candidate_urns',
    type: 'string',
    list: true,
    description: 'For an ambiguous name: the schools it could be',
  },
  {
    name: 'evidence_url',
    type: 'string',
    required: true,
    description: 'Page that names the school as a member',
  },
  { name: 'excerpt', type: 'string', description: 'The words on that page' },
];

/** Member schools of these partnerships, by partnership id then name on the page. */
export function partnershipSchoolRows(partnerships: readonly PartnershipV1[]): PartnershipSchoolRow[] {
  return partnerships.flatMap((p) =>
    (p.memberSchools ?? []).map(
      (m: MemberSchool): PartnershipSchoolRow => ({
        partnership_id: p.id,
        urn: m.urn ?? null,
        name_on_page: m.name,
        gias_name: m.giasName ?? null,
        la_code: m.laCode ?? null,
        phase: m.phase ?? null,
        match: m.match,
        via_urn: m.viaUrn ?? null,
        candidate_urns: (m.candidates ?? []).map((c) => c.urn),
        evidence_url: m.sourceUrl,
        excerpt: m.excerpt ?? null,
      }),
    ),
  );
}

/**
 * An LA's open state schools by phase, and where its partnerships' member lists are known, the resolved
 * members among them and their share.
 */
export function laSchools(
  laCode: string,
  counts: ReadonlyMap<string, LaSchoolCounts> | undefined,
  partnerships: readonly PartnershipV1[],
): LocalAuthorityProfileV1['schools'] {
  const c = counts?.get(laCode);
  if (!c) return undefined;
  const listed = partnerships.filter(
    (p) => p.memberSchools?.length && p.localAuthorities.some((la) => la.laCode === laCode),
  );
  const members = new Set(
    listed.flatMap((p) =>
      (p.memberSchools ?? []).filter((m) => m.urn && m.laCode === laCode).map((m) => m.urn),
    ),
  );
  return {
    openStateSchools: c.total,
    byPhase: { ...c.byPhase },
    ...(listed.length > 0
      ? {
          memberSchools: members.size,
          memberShare: c.total ? Math.round((members.size / c.total) * 10000) / 10000 : 0,
        }
      : {}),
  };
}
