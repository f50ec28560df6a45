import type { ObservationV1, PageFetchedV1 } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { discoverSites } from './discover-sites.ts';

const page: PageFetchedV1 = {
  crawlId: 'c1',
  pipeline: 'la-websites',
  url: 'https://council.test/schools',
  finalUrl: 'https://council.test/schools/',
  depth: 1,
  status: 200,
  contentType: 'text/html',
  fetchedAt: '2026-01-01T00:00:00.000Z',
  unchanged: false,
  warc: { key: 'w', offset: 0, length: 1 },
  sha256: 'a'.repeat(64),
  bytes: 1,
  laCode: '373',
};
const examined = (links: string[]): ObservationV1 => ({
  kind: 'page-examined',
  observationId: 'o1',
  source: {
    crawlId: 'c1',
    pipeline: 'la-websites',
    url: page.finalUrl,
    fetchedAt: page.fetchedAt,
    pageSha256: page.sha256,
    sourceKind: 'council',
    extractorVersion: 'x',
  },
  partnershipLinks: links,
});

describe('discoverSites', () => {
  it('requests each linked partnership site once per crawl and says so on the page-examined observation', () => {
    const requested = new Set<string>();
    const first = discoverSites(
      page,
      [examined(['https://learn.test/about', 'https://learn.test/join'])],
      requested,
      new Date(0),
    );
    expect(first.requests).toEqual([
      expect.objectContaining({
        pipeline: 'partnership-sites',
        url: 'https://learn.test/',
        depth: 0,
        sourceUrl: page.url,
        laCode: '373',
      }),
    ]);
    expect(first.observations.at(-1)).toMatchObject({ seedsRequested: 1, requestedUrl: page.url });
    const again = discoverSites(page, [examined(['https://learn.test/'])], requested, new Date(0));
    expect(again.requests).toHaveLength(0);
    expect(again.observations.at(-1)).not.toHaveProperty('seedsRequested');
  });

  it('does not chase links from partnership sites themselves', () => {
    const own = { ...page, pipeline: 'partnership-sites' };
    expect(
      discoverSites(own, [examined(['https://other.test/'])], new Set(), new Date(0)).requests,
    ).toHaveLength(0);
  });
});
