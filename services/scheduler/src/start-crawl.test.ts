import { createMemoryBus } from '@abep/bus';
import { loadGazetteer } from '@abep/gazetteer';
import type { CrawlRequestedV1, CrawlStartedV1 } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { crawlStarter } from './start-crawl.ts';

describe('crawlStarter', () => {
  it('plans a due schedule’s crawl and announces it with its seeds', async () => {
    const bus = createMemoryBus();
    const start = crawlStarter({
      bus,
      gazetteer: loadGazetteer(),
      now: () => new Date('2026-01-05T02:00:00.000Z'),
    });
    const crawlId = await start({
      pipelines: ['la-websites'],
      laCodes: ['373'],
      deadlineMinutes: 30,
      reason: 'schedule weekly',
    });
    const started: CrawlStartedV1[] = [];
    for await (const r of bus.readToEnd('crawl.started.v1')) if (r.ok) started.push(r.delivery.value);
    const requested: CrawlRequestedV1[] = [];
    for await (const r of bus.readToEnd('crawl.requested.v1')) if (r.ok) requested.push(r.delivery.value);
    expect(crawlId).toMatch(/^c-20260105T020000Z-/);
    expect(started).toEqual([
      expect.objectContaining({
        crawlId,
        plan: { pipelines: ['la-websites'], laCodes: ['373'] },
        seeds: 1,
        deadline: '2026-01-05T02:30:00.000Z',
      }),
    ]);
    expect(requested).toEqual([expect.objectContaining({ crawlId, pipeline: 'la-websites', laCode: '373' })]);
    await bus.close();
  });
});
