import { type Pipeline, type PipelineSeed, readPage, type ScopeRules } from '@abep/extraction';

/** Association member lists and sector or local news articles about partnerships. */
export const sectorDirectoriesScope: ScopeRules = {
  registrableDomains: 'same-as-seed',
  include: [
    '^https?://[^/]+/?(?:[?#].*)?$',
    '(?:^|/)(?:members?|membership|directory|our-members|partnerships?|network|map|find-a-partnership|news|articles?|blog|features?|case-stud(?:y|ies))(?:[/?.-]|$)',
  ],
  exclude: [
    '(?:^|/)(?:login|account|basket|shop|events/book|jobs|tag|author)(?:[/?]|$)',
    '\\.(?:jpg|jpeg|png|gif|svg|css|js|zip|pdf)$',
  ],
  maxDepth: 2,
  maxPagesPerHost: 60,
};

/** Directory and article URLs given by the crawl plan; no built-in list, so nothing is fetched unasked. */
export function directorySeeds(urls: readonly string[]): PipelineSeed[] {
  const seen = new Set<string>();
  const seeds: PipelineSeed[] = [];
  for (const raw of urls) {
    try {
      const url = new URL(raw).toString();
      if (!seen.has(url)) seeds.push({ url });
      seen.add(url);
    } catch {
      // not a URL: nothing to seed
    }
  }
  return seeds;
}

export const sectorDirectoriesPipeline: Pipeline<'urls'> = {
  name: 'sector-directories',
  sourceKind: 'third-party',
  extractorVersion: 'sector-directories@4',
  scope: sectorDirectoriesScope,
  input: 'urls',
  outputs: ['partnership-links'],
  seeds: directorySeeds,
  extract(page, places) {
    return readPage(page, places, { extractorVersion: 'sector-directories@4' });
  },
};
