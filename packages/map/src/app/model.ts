import type { LaRole, LocalAuthorityProfileV1, PartnershipType, PartnershipV1 } from '@abep/schemas';

/** The parts of a version's changes.json the map shows (the publisher's ChangeSet). */
export interface Changes {
  from: string | null;
  to: string | null;
  summary: { added: number; removed: number; changed: number; localAuthoritiesChanged: number };
  added: { id: string; name: string }[];
  removed: { id: string; name: string }[];
  changed: { id: string; name: string; fields: { field: string }[] }[];
  localAuthoritiesChanged: { id: string; name: string; fields: { field: string }[] }[];
}

export type Coverage = LocalAuthorityProfileV1['coverage'];

export const ROLES = ['funder', 'convener', 'deliverer'] as const satisfies readonly LaRole[];
export const PARTNERSHIP_TYPES = [
  'schools-led',
  'joint-with-la',
  'la-coordinated',
  'unknown',
] as const satisfies readonly PartnershipType[];
export const COVERAGES = ['crawled', 'unreachable', 'not-crawled'] as const satisfies readonly Coverage[];

export interface LaView {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
  roles: LaRole[];
  coverage: Coverage;
  partnerships: PartnershipV1[];
  /** A partnership naming this LA was added or changed, or the LA's own profile changed, in this version. */
  changed: boolean;
}

export interface Filters {
  role: 'any' | 'none' | LaRole;
  type: 'any' | PartnershipType;
  region: 'any' | string;
  coverage: 'any' | Coverage;
  changedOnly: boolean;
  search: string;
}

export const NO_FILTERS: Filters = {
  role: 'any',
  type: 'any',
  region: 'any',
  coverage: 'any',
  changedOnly: false,
  search: '',
};

function changedLaCodes(changes: Changes | undefined, partnerships: readonly PartnershipV1[]): Set<string> {
  const out = new Set<string>();
  if (!changes) return out;
  const touched = new Set([...changes.added.map((a) => a.id), ...changes.changed.map((c) => c.id)]);
  for (const p of partnerships) {
    if (touched.has(p.id)) for (const la of p.localAuthorities) out.add(la.laCode);
  }
  for (const la of changes.localAuthoritiesChanged) out.add(la.id);
  return out;
}

export function buildViews(
  profiles: readonly LocalAuthorityProfileV1[],
  partnerships: readonly PartnershipV1[],
  changes: Changes | undefined,
): LaView[] {
  const byId = new Map(partnerships.map((p) => [p.id, p]));
  const changed = changedLaCodes(changes, partnerships);
  return profiles.map((la) => ({
    code: la.laCode,
    name: la.name,
    regionCode: la.region.code,
    regionName: la.region.name,
    roles: [...la.roles],
    coverage: la.coverage,
    partnerships: la.partnershipIds.flatMap((id) => byId.get(id) ?? []),
    changed: changed.has(la.laCode),
  }));
}

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

function matchesSearch(la: LaView, search: string): boolean {
  const q = fold(search.trim());
  if (!q) return true;
  return fold(la.name).includes(q) || la.partnerships.some((p) => fold(p.name).includes(q));
}

export function matches(la: LaView, f: Filters): boolean {
  if (f.role === 'none' ? la.roles.length > 0 : f.role !== 'any' && !la.roles.includes(f.role)) return false;
  if (f.type !== 'any' && !la.partnerships.some((p) => p.type === f.type)) return false;
  if (f.region !== 'any' && la.regionCode !== f.region) return false;
  if (f.coverage !== 'any' && la.coverage !== f.coverage) return false;
  if (f.changedOnly && !la.changed) return false;
  return matchesSearch(la, f.search);
}

export type ColourMode = 'count' | 'role';

export interface LegendEntry {
  key: string;
  label: string;
  colour: string;
}

const COUNT_LEGEND: LegendEntry[] = [
  { key: '0', label: 'no partnership found', colour: '#e8e8e8' },
  { key: '1', label: '1 partnership', colour: '#9ecae1' },
  { key: '2', label: '2 partnerships', colour: '#4292c6' },
  { key: '3+', label: '3 or more', colour: '#08519c' },
];

const ROLE_LEGEND: LegendEntry[] = [
  { key: 'none', label: 'no role found', colour: '#e8e8e8' },
  { key: 'funder', label: 'funder', colour: '#fdae61' },
  { key: 'convener', label: 'convener', colour: '#abdda4' },
  { key: 'deliverer', label: 'deliverer', colour: '#2b83ba' },
  { key: 'several', label: 'more than one role', colour: '#7b3294' },
];

export function legend(mode: ColourMode): LegendEntry[] {
  return mode === 'count' ? COUNT_LEGEND : ROLE_LEGEND;
}

export function colourKey(la: LaView, mode: ColourMode): string {
  if (mode === 'count') {
    const n = la.partnerships.length;
    return n >= 3 ? '3+' : String(n);
  }
  if (la.roles.length > 1) return 'several';
  return la.roles[0] ?? 'none';
}

export function colourOf(la: LaView, mode: ColourMode): string {
  const key = colourKey(la, mode);
  return legend(mode).find((e) => e.key === key)?.colour ?? '#e8e8e8';
}

export interface Evidence {
  url: string;
  excerpt: string;
  fetchedAt: string;
}

/** The pages a role was read from: provenance is keyed `roles.<role>`. */
export function roleEvidence(profile: LocalAuthorityProfileV1, role: LaRole): Evidence[] {
  return (profile.provenance?.[`roles.${role}`] ?? []).map((p) => ({
    url: p.sourceUrl,
    excerpt: p.excerpt ?? '',
    fetchedAt: p.fetchedAt,
  }));
}

/** One entry per source page across the partnership's fields, the page that named it first. */
export function partnershipEvidence(p: PartnershipV1, limit = 5): Evidence[] {
  const seen = new Map<string, Evidence>();
  const fields = Object.keys(p.provenance).sort((a, b) => (a === 'name' ? -1 : b === 'name' ? 1 : 0));
  for (const field of fields) {
    for (const src of p.provenance[field] ?? []) {
      if (!seen.has(src.sourceUrl))
        seen.set(src.sourceUrl, { url: src.sourceUrl, excerpt: src.excerpt ?? '', fetchedAt: src.fetchedAt });
    }
  }
  return [...seen.values()].slice(0, limit);
}

/** Only http(s) links are made clickable: the register holds what pages said, so a URL is untrusted text. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
