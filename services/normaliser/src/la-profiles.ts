import type { Gazetteer } from '@abep/gazetteer';
import type {
  LaRole,
  LaRoleObservation,
  LocalAuthorityProfileV1,
  PartnershipV1,
  Provenance,
} from '@abep/schemas';
import { EXCERPT_MAX } from '@abep/schemas';
import { displayUrl } from '@abep/urls';

/** What one crawl saw per LA. */
export interface CrawlCoverage {
  crawlId: string;
  finishedAt: string;
  /** laCode → URLs of pages examined for it. */
  pagesByLa: ReadonlyMap<string, ReadonlySet<string>>;
  /** laCode → failed requests. */
  failuresByLa: ReadonlyMap<string, number>;
  roles: readonly LaRoleObservation[];
}

const KIND_RANK = { curated: 0, 'own-site': 1, council: 2, 'third-party': 3 } as const;

/**
 * One profile per LA (all 153). crawled: this crawl examined its pages, and its roles and pages are this
 * crawl's. unreachable: this crawl's requests for it all failed; the roles, pages, provenance and lastCrawled
 * of the last crawl that read it are carried over. An LA this crawl did not touch (not in its plan) keeps its
 * previous profile whole, coverage included; one never crawled is not-crawled.
 */
export function buildLaProfiles(
  gazetteer: Gazetteer,
  crawl: CrawlCoverage,
  partnerships: readonly PartnershipV1[],
  previous: ReadonlyMap<string, LocalAuthorityProfileV1>,
): LocalAuthorityProfileV1[] {
  const idsByLa = new Map<string, string[]>();
  for (const p of partnerships) {
    if (p.withdrawn) continue;
    for (const la of p.localAuthorities) idsByLa.set(la.laCode, [...(idsByLa.get(la.laCode) ?? []), p.id]);
  }
  const rolesByLa = new Map<string, LaRoleObservation[]>();
  for (const obs of crawl.roles) {
    const la = obs.laCode ? gazetteer.resolveLa(obs.laCode)?.laCode : undefined;
    if (la) rolesByLa.set(la, [...(rolesByLa.get(la) ?? []), obs]);
  }
  return gazetteer.localAuthorities.map((la) => {
    const pages = [...(crawl.pagesByLa.get(la.laCode) ?? [])].sort();
    const failures = crawl.failuresByLa.get(la.laCode) ?? 0;
    const coverage = pages.length > 0 ? 'crawled' : failures > 0 ? 'unreachable' : 'not-crawled';
    const before = previous.get(la.laCode);
    const base = {
      kind: 'local-authority' as const,
      laCode: la.laCode,
      gssCode: la.gssCode,
      name: la.laName,
      region: la.region,
      ...(la.website ? { website: displayUrl(la.website) ?? la.website } : {}),
      partnershipIds: (idsByLa.get(la.laCode) ?? []).sort(),
      coverage,
    } satisfies Partial<LocalAuthorityProfileV1>;
    if (coverage === 'not-crawled' && before) return { ...before, ...base, coverage: before.coverage };
    if (coverage !== 'crawled') {
      return {
        ...base,
        roles: before?.roles ?? [],
        pagesExamined: before?.pagesExamined ?? [],
        ...(before?.lastCrawled ? { lastCrawled: before.lastCrawled } : {}),
        provenance: before?.provenance ?? {},
      };
    }
    const provenance: Record<string, Provenance[]> = {};
    const roles = new Set<LaRole>();
    const observations = [...(rolesByLa.get(la.laCode) ?? [])].sort(
      (a, b) =>
        KIND_RANK[a.source.sourceKind] - KIND_RANK[b.source.sourceKind] ||
        (a.source.fetchedAt < b.source.fetchedAt ? 1 : a.source.fetchedAt > b.source.fetchedAt ? -1 : 0) ||
        (a.source.url < b.source.url ? -1 : 1),
    );
    for (const obs of observations) {
      for (const role of obs.roles) {
        roles.add(role.value);
        const entry: Provenance = {
          sourceUrl: obs.source.url,
          fetchedAt: obs.source.fetchedAt,
          sourceKind: obs.source.sourceKind,
          excerpt: role.excerpt.slice(0, EXCERPT_MAX),
          extractorVersion: obs.source.extractorVersion,
        };
        const field = `roles.${role.value}`;
        if (!provenance[field]?.some((p) => p.sourceUrl === entry.sourceUrl))
          provenance[field] = [...(provenance[field] ?? []), entry];
      }
    }
    return {
      ...base,
      roles: [...roles].sort(),
      pagesExamined: pages,
      lastCrawled: crawl.finishedAt,
      provenance,
    };
  });
}
