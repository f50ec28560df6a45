import { CrawlProgress } from '@abep/scheduler';
import { describe, expect, it } from 'vitest';
import { buildStatus } from './crawl-status.ts';

describe('buildStatus', () => {
  it('says per host why a host is not progressing, and the outcome once the crawl has finished', () => {
    const progress = new CrawlProgress('c1');
    progress.onStarted(
      {
        crawlId: 'c1',
        startedAt: '2026-01-01T00:00:00.000Z',
        plan: { pipelines: ['la-websites'] },
        seeds: 1,
      },
      0,
    );
    const host = {
      host: 'www.slow.test',
      queued: 3,
      inFlight: 0,
      fetched: 2,
      unchanged: 0,
      failed: 1,
      failedByCode: { HTTP_TOO_MANY_REQUESTS: 1 },
      robotsBlocked: 0,
      duplicates: 0,
    };
    const crawler = { hosts: [host], totals: { ...host }, warcPendingRecords: 0 };
    const until = Date.parse('2026-01-01T00:01:00.000Z');
    const running = buildStatus(
      progress,
      crawler,
      [{ host: 'www.slow.test', queued: 3, inFlight: 0, waitingFor: 'retry-after', waitingUntil: until }],
      new Date(0),
    );
    expect(running.state).toBe('running');
    expect(running.outcome).toBeUndefined();
    expect(running.hosts[0]).toMatchObject({
      host: 'www.slow.test',
      queued: 3,
      failedByCode: { HTTP_TOO_MANY_REQUESTS: 1 },
      waitingFor: 'retry-after',
      waitingUntil: '2026-01-01T00:01:00.000Z',
    });
    const done = buildStatus(progress, crawler, [], new Date(0), { outcome: 'deadline', coverage: 0.5 });
    expect(done).toMatchObject({ outcome: 'deadline', coverage: 0.5 });
    expect(done.hosts[0]?.waitingFor).toBeUndefined();
  });

  it("matches the fetcher's host:port to the crawler's host name, and gives rate, ETA and the frontier", () => {
    const progress = new CrawlProgress('c2');
    progress.onStarted(
      {
        crawlId: 'c2',
        startedAt: '2026-01-01T00:00:00.000Z',
        plan: { pipelines: ['la-websites'] },
        seeds: 4,
      },
      0,
    );
    for (let i = 0; i < 4; i++) {
      progress.onRequested(
        {
          crawlId: 'c2',
          pipeline: 'la-websites',
          url: `http://www.slow.test:8080/${i}`,
          depth: 0,
          requestedAt: '2026-01-01T00:00:00.000Z',
        },
        0,
      );
    }
    for (let i = 0; i < 2; i++) {
      progress.onFetched(
        {
          crawlId: 'c2',
          pipeline: 'la-websites',
          url: `http://www.slow.test:8080/${i}`,
          finalUrl: `http://www.slow.test:8080/${i}`,
          depth: 0,
          status: 200,
          contentType: 'text/html',
          fetchedAt: '2026-01-01T00:00:05.000Z',
          unchanged: false,
          warc: { key: 'w', offset: 0, length: 1 },
          sha256: 'a'.repeat(64),
          bytes: 1,
        },
        5000,
      );
    }
    const host = {
      host: 'www.slow.test',
      queued: 2,
      inFlight: 0,
      fetched: 2,
      unchanged: 0,
      failed: 0,
      failedByCode: {},
      robotsBlocked: 0,
      duplicates: 0,
    };
    const until = Date.parse('2026-01-01T00:00:15.000Z');
    const status = buildStatus(
      progress,
      { hosts: [host], totals: { ...host }, warcPendingRecords: 0 },
      [
        {
          host: 'www.slow.test:8080',
          queued: 2,
          inFlight: 0,
          waitingFor: 'crawl-delay',
          waitingUntil: until,
        },
      ],
      new Date('2026-01-01T00:00:10.000Z'),
    );
    expect(status.hosts[0]).toMatchObject({
      waitingFor: 'crawl-delay',
      waitingUntil: '2026-01-01T00:00:15.000Z',
    });
    expect(status).toMatchObject({
      ratePerSecond: 0.2,
      etaSeconds: 10,
      frontier: { queued: 2, inFlight: 0, waiting: { 'crawl-delay': 1 } },
    });
  });

  it('lists the busiest hosts first', () => {
    const progress = new CrawlProgress('c-sort');
    const h = (name: string, queued: number, inFlight: number) => ({
      host: name,
      queued,
      inFlight,
      fetched: 0,
      unchanged: 0,
      failed: 0,
      failedByCode: {},
      robotsBlocked: 0,
      duplicates: 0,
    });
    const hosts = [h('a.test', 0, 0), h('b.test', 5, 0), h('c.test', 1, 2), h('d.test', 9, 1)];
    const status = buildStatus(
      progress,
      { hosts, totals: h('all', 15, 3), warcPendingRecords: 0 },
      [],
      new Date(),
    );
    expect(status.hosts.map((x) => x.host)).toEqual(['c.test', 'd.test', 'b.test', 'a.test']);
  });
});
