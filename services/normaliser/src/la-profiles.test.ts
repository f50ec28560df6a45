import { loadGazetteer } from '@abep/gazetteer';
import type { LocalAuthorityProfileV1 } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { laRole } from './fixtures.ts';
import { buildLaProfiles, type CrawlCoverage } from './la-profiles.ts';

const gazetteer = loadGazetteer();
const manchester = '352';
const leeds = '383';
const york = '816';
const council = 'https://www.manchester.gov.uk/education';

const crawl = (over: Partial<CrawlCoverage>): CrawlCoverage => ({
  crawlId: 'crawl-2',
  finishedAt: '2025-02-01T00:00:00.000Z',
  pagesByLa: new Map(),
  failuresByLa: new Map(),
  roles: [],
  ...over,
});

/** The profiles after a national crawl that read Manchester (a convener), Leeds and York. */
function national(): Map<string, LocalAuthorityProfileV1> {
  const profiles = buildLaProfiles(
    gazetteer,
    crawl({
      crawlId: 'crawl-1',
      finishedAt: '2025-01-01T00:00:00.000Z',
      pagesByLa: new Map([
        [manchester, new Set([council])],
        [leeds, new Set(['https://www.leeds.gov.uk/schools'])],
        [york, new Set(['https://www.york.gov.uk/schools'])],
      ]),
      roles: [laRole({ url: council, laCode: manchester, roles: ['convener'] })],
    }),
    [],
    new Map(),
  );
  return new Map(profiles.map((p) => [p.laCode, p]));
}

describe('LA profiles', () => {
  it('keeps the whole profile of an LA a targeted crawl did not touch', () => {
    const before = national();
    const after = buildLaProfiles(
      gazetteer,
      crawl({ pagesByLa: new Map([[leeds, new Set(['https://www.leeds.gov.uk/schools'])]]) }),
      [],
      before,
    );
    const m = after.find((p) => p.laCode === manchester);
    expect(m).toEqual(before.get(manchester));
    expect(m).toMatchObject({
      coverage: 'crawled',
      roles: ['convener'],
      lastCrawled: '2025-01-01T00:00:00.000Z',
    });
    expect(after.find((p) => p.laCode === leeds)?.lastCrawled).toBe('2025-02-01T00:00:00.000Z');
    expect(after.find((p) => p.laCode === '201')?.coverage).toBe('not-crawled');
  });

  it('marks an LA whose requests all failed unreachable, carrying its last read roles and pages forward', () => {
    const before = national();
    const after = buildLaProfiles(gazetteer, crawl({ failuresByLa: new Map([[manchester, 3]]) }), [], before);
    expect(after.find((p) => p.laCode === manchester)).toMatchObject({
      coverage: 'unreachable',
      roles: ['convener'],
      pagesExamined: [council],
      lastCrawled: '2025-01-01T00:00:00.000Z',
      provenance: before.get(manchester)?.provenance,
    });
  });
});
