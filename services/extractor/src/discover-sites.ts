import { seedsFrom } from '@abep/extraction';
import { pipelinesFedBy } from '@abep/pipelines';
import type { CrawlRequestedV1, ObservationV1, PageFetchedV1 } from '@abep/schemas';
import { normaliseUrl } from '@abep/urls';

/**
 * Partnership sites linked from a page whose pipeline declares `partnership-links` among its outputs (council
 * and directory pages) become seeds of the pipeline that takes them, in the same crawl. `requested` remembers what this process already asked for, per crawl, so a link repeated on
 * many pages is requested once. The page's page-examined observation says how many requests it caused, so
 * the crawl tracker can wait for them.
 */
export function discoverSites(
  page: PageFetchedV1,
  observations: readonly ObservationV1[],
  requested: Set<string>,
  now: Date,
): { requests: CrawlRequestedV1[]; observations: ObservationV1[] } {
  const last = observations.at(-1);
  if (last?.kind !== 'page-examined') return { requests: [], observations: [...observations] };
  const requests: CrawlRequestedV1[] = [];
  const links = (last.partnershipLinks ?? []).map((url) => ({
    url,
    ...(page.laCode ? { laCode: page.laCode } : {}),
  }));
  for (const pipeline of pipelinesFedBy(page.pipeline)) {
    for (const seed of seedsFrom(pipeline, { 'partnership-links': links })) {
      let url: string;
      try {
        url = normaliseUrl(seed.url);
      } catch {
        continue;
      }
      const key = `${page.crawlId} ${url}`;
      if (requested.has(key)) continue;
      requested.add(key);
      requests.push({
        crawlId: page.crawlId,
        pipeline: pipeline.name,
        url,
        depth: 0,
        requestedAt: now.toISOString(),
        sourceUrl: page.url,
        ...(seed.laCode ? { laCode: seed.laCode } : {}),
      });
    }
  }
  const examined = {
    ...last,
    ...(page.url !== last.source.url ? { requestedUrl: page.url } : {}),
    ...(requests.length ? { seedsRequested: requests.length } : {}),
  };
  return { requests, observations: [...observations.slice(0, -1), examined] };
}
