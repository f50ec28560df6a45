import type { CrawlRequestedV1, CrawlStartedV1, PageExaminedObservation, PageFetchedV1 } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { CrawlProgress } from './crawl-progress.ts';

const started: CrawlStartedV1 = {
  crawlId: 'c1',
  startedAt: '2026-01-01T00:00:00.000Z',
  plan: { pipelines: ['la-websites'] },
  seeds: 1,
  deadline: '2026-01-01T01:00:00.000Z',
};
const req = (url: string, depth = 0, sourceUrl?: string): CrawlRequestedV1 => ({
  crawlId: 'c1',
  pipeline: 'la-websites',
  url,
  depth,
  requestedAt: started.startedAt,
  ...(sourceUrl ? { sourceUrl } : {}),
});
const fetched = (url: string, linksRequested = 0): PageFetchedV1 => ({
  crawlId: 'c1',
  pipeline: 'la-websites',
  url,
  finalUrl: url,
  depth: 0,
  status: 200,
  contentType: 'text/html',
  fetchedAt: started.startedAt,
  unchanged: false,
  warc: { key: 'w', offset: 0, length: 1 },
  sha256: 'a'.repeat(64),
  bytes: 1,
  linksRequested,
});

const examined = (url: string, seedsRequested = 0): PageExaminedObservation => ({
  kind: 'page-examined',
  observationId: `o-${url}`,
  source: {
    crawlId: 'c1',
    pipeline: 'la-websites',
    url,
    fetchedAt: started.startedAt,
    pageSha256: 'a'.repeat(64),
    sourceKind: 'council',
    extractorVersion: 'test',
  },
  seedsRequested,
});

describe('CrawlProgress', () => {
  it('is not complete while a page settled before the links it announced were seen', () => {
    const p = new CrawlProgress('c1');
    p.onStarted(started, 0);
    p.onRequested(req('https://a.test/'), 0);
    p.onFetched(fetched('https://a.test/', 2), 0);
    p.onExamined(examined('https://a.test/'), 0);
    expect(p.isComplete()).toBe(false);
    p.onRequested(req('https://a.test/x', 1, 'https://a.test/'), 0);
    p.onRequested(req('https://a.test/y', 1, 'https://a.test/'), 0);
    expect(p.isComplete()).toBe(false);
    p.onFetched(fetched('https://a.test/x'), 0);
    expect(p.isComplete()).toBe(false);
    p.onExamined(examined('https://a.test/x'), 0);
    p.onFailed(
      {
        ...req('https://a.test/y'),
        failedAt: started.startedAt,
        code: 'ROBOTS_DISALLOWED',
        message: 'no',
        attempts: 1,
      },
      0,
    );
    expect(p.isComplete()).toBe(true);
    expect(p.summary('settled', new Date(0)).counts).toMatchObject({
      requested: 3,
      fetched: 2,
      failed: 1,
      failedByCode: { ROBOTS_DISALLOWED: 1 },
    });
  });

  it('waits for crawl.started and all its seeds', () => {
    const p = new CrawlProgress('c1');
    p.onRequested(req('https://a.test/'), 0);
    p.onFetched(fetched('https://a.test/'), 0);
    p.onExamined(examined('https://a.test/'), 0);
    expect(p.isComplete()).toBe(false);
    p.onStarted({ ...started, seeds: 2 }, 0);
    expect(p.isComplete()).toBe(false);
    p.onRequested(req('https://b.test/'), 0);
    p.onFetched(fetched('https://b.test/'), 0);
    p.onExamined(examined('https://b.test/'), 0);
    expect(p.isComplete()).toBe(true);
  });

  it('waits for the partnership sites the extractor requested from a page', () => {
    const p = new CrawlProgress('c1');
    p.onStarted(started, 0);
    p.onRequested(req('https://council.test/'), 0);
    p.onFetched(fetched('https://council.test/'), 0);
    p.onExamined(examined('https://council.test/', 1), 0);
    expect(p.isComplete()).toBe(false);
    p.onRequested(req('https://partnership.test/', 0, 'https://council.test/'), 0);
    expect(p.isComplete()).toBe(false);
    p.onFetched(fetched('https://partnership.test/'), 0);
    p.onExamined(examined('https://partnership.test/'), 0);
    expect(p.isComplete()).toBe(true);
  });

  it('reports partial coverage at the deadline', () => {
    const p = new CrawlProgress('c1');
    p.onStarted(started, 0);
    p.onRequested(req('https://a.test/'), 0);
    p.onRequested(req('https://b.test/'), 0);
    p.onFetched(fetched('https://a.test/'), 0);
    expect(p.isPastDeadline(Date.parse('2026-01-01T02:00:00Z'))).toBe(true);
    expect(p.summary('deadline', new Date())).toMatchObject({
      coverage: 0.5,
      outcome: 'partial',
      endedBy: 'deadline',
      reason: expect.stringContaining('deadline'),
    });
  });

  const failure = (url: string, code: 'FETCH_DNS' | 'HTTP_CLIENT_ERROR', depth = 0) => ({
    ...req(url, depth),
    failedAt: started.startedAt,
    code,
    message: 'no',
    attempts: 1,
  });

  it('counts only what was read as coverage, and a crawl that read nothing as failed', () => {
    const p = new CrawlProgress('c1');
    p.onStarted({ ...started, seeds: 2 }, 0);
    p.onRequested(req('https://a.test/'), 0);
    p.onRequested(req('https://b.test/'), 0);
    p.onFailed(failure('https://a.test/', 'FETCH_DNS'), 0);
    p.onFailed(failure('https://b.test/', 'FETCH_DNS'), 0);
    expect(p.isComplete()).toBe(true);
    const s = p.summary('settled', new Date(0));
    expect(s).toMatchObject({ outcome: 'failed', coverage: 0, endedBy: 'settled' });
    expect(s.reason).toBe('nothing could be read: 2 of 2 requests failed (FETCH_DNS 2)');
  });

  it('is partial when a seed could not be read, complete when only a deeper link failed', () => {
    const p = new CrawlProgress('c1');
    p.onStarted({ ...started, seeds: 2 }, 0);
    p.onRequested(req('https://a.test/'), 0);
    p.onRequested(req('https://b.test/'), 0);
    p.onFetched(fetched('https://a.test/'), 0);
    p.onExamined(examined('https://a.test/'), 0);
    p.onFailed(failure('https://b.test/', 'FETCH_DNS'), 0);
    expect(p.summary('settled', new Date(0))).toMatchObject({
      outcome: 'partial',
      coverage: 0.5,
      reason: '1 of 2 seeds could not be read (FETCH_DNS 1)',
    });

    const q = new CrawlProgress('c1');
    q.onStarted(started, 0);
    q.onRequested(req('https://a.test/'), 0);
    q.onRequested(req('https://a.test/gone', 1, 'https://a.test/'), 0);
    q.onFetched(fetched('https://a.test/'), 0);
    q.onExamined(examined('https://a.test/'), 0);
    q.onFailed(failure('https://a.test/gone', 'HTTP_CLIENT_ERROR', 1), 0);
    const s = q.summary('settled', new Date(0));
    expect(s).toMatchObject({ outcome: 'complete', coverage: 0.5, plan: started.plan });
    expect(s.reason).toBeUndefined();
  });
});
