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
});
