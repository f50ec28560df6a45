import { type CrawlRequestedV1, hostKey } from '@abep/schemas';
import { registrableDomain } from '@abep/urls';
import { discoverLinks } from './links.ts';
import { type CompiledScope, outOfScope } from './scope.ts';

/** What a crawler process has requested in one crawl. */
export interface LinkBook {
  /** Links this process already requested, so a nav bar is requested once per crawl. */
  requested: Set<string>;
  /** Links this process requested per host: past the host's page cap they could only settle as CRAWL_LIMIT_REACHED. */
  linksPerHost: Map<string, number>;
}

/**
 * The links of a fetched page to request next: new to this crawl, in scope, under the per-page and per-host
 * caps (the rest counted as dropped). They are entered in the book as requested.
 */
export function chooseLinks(
  request: CrawlRequestedV1,
  url: string,
  html: string,
  finalUrl: string,
  options: { scope: CompiledScope; depth: number; state: LinkBook; maxLinksPerPage: number; now: Date },
): { links: CrawlRequestedV1[]; dropped: number } {
  const { scope, depth, state } = options;
  const pageDomains = new Set<string>();
  for (const u of request.depth === 0 ? [url, finalUrl] : [url]) {
    const domain = registrableDomain(u);
    if (domain) pageDomains.add(domain);
  }
  const requestedAt = options.now.toISOString();
  const links: CrawlRequestedV1[] = [];
  let dropped = 0;
  for (const link of discoverLinks(html, finalUrl)) {
    if (state.requested.has(link)) continue;
    if (outOfScope(link, scope, { depth, pageDomains, domainOf: registrableDomain })) continue;
    const host = hostKey(link);
    const perHost = state.linksPerHost.get(host) ?? 0;
    if (links.length >= options.maxLinksPerPage || perHost >= scope.rules.maxPagesPerHost) {
      dropped++;
      continue;
    }
    state.linksPerHost.set(host, perHost + 1);
    state.requested.add(link);
    links.push({
      crawlId: request.crawlId,
      pipeline: request.pipeline,
      url: link,
      depth,
      requestedAt,
      sourceUrl: url,
      ...(request.laCode ? { laCode: request.laCode } : {}),
    });
  }
  return { links, dropped };
}

/** Takes links back out of the book (their publish failed, so they were never requested). */
export function forgetLinks(state: LinkBook, links: readonly CrawlRequestedV1[]): void {
  for (const link of links) {
    state.requested.delete(link.url);
    const host = hostKey(link.url);
    state.linksPerHost.set(host, (state.linksPerHost.get(host) ?? 1) - 1);
  }
}
