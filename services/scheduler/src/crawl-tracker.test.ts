import { type Bus, createMemoryBus } from '@abep/bus';
import { silentLogger } from '@abep/logger';
import { AbepError, type CrawlFinishedV1, type TopicName } from '@abep/schemas';
import { eventually } from '@abep/testkit';
import { describe, expect, it } from 'vitest';
import { type CrawlTracker, createCrawlTracker } from './crawl-tracker.ts';

const at = '2026-01-01T00:00:00.000Z';

async function finished(bus: ReturnType<typeof createMemoryBus>): Promise<CrawlFinishedV1[]> {
  const out: CrawlFinishedV1[] = [];
  for await (const r of bus.readToEnd('crawl.finished.v1')) if (r.ok) out.push(r.delivery.value);
  return out;
}

/** Requests counted by the tracker so far: the positive signal that it has read them. */
const requestsSeen = (tracker: CrawlTracker, crawlId: string) =>
  tracker.progress(crawlId)?.summary('settled', new Date(at)).counts;

/**
 * Starts an empty crawl and waits for its announcement: a check has run since, over every crawl the tracker
 * knew of when it started. What was not announced by then was judged unfinished.
 */
async function checkedSince(bus: ReturnType<typeof createMemoryBus>, crawlId: string): Promise<void> {
  await bus.publish('crawl.started.v1', [
    { crawlId, startedAt: at, plan: { pipelines: ['la-websites'] }, seeds: 0 },
  ]);
  await eventually(async () => expect((await finished(bus)).map((f) => f.crawlId)).toContain(crawlId));
}

describe('crawl tracker', () => {
  it('announces a crawl once when every request has settled, and not again after a restart', async () => {
    const bus = createMemoryBus();
    const tracker = createCrawlTracker({ bus, logger: silentLogger(), checkIntervalMs: 10 });
    await tracker.start();
    await bus.publish('crawl.started.v1', [
      { crawlId: 'c1', startedAt: at, plan: { pipelines: ['la-websites'] }, seeds: 1 },
    ]);
    await bus.publish('crawl.requested.v1', [
      { crawlId: 'c1', pipeline: 'la-websites', url: 'https://a.test/', depth: 0, requestedAt: at },
    ]);
    await eventually(() => expect(requestsSeen(tracker, 'c1')).toMatchObject({ requested: 1 }));
    await checkedSince(bus, 'marker-1');
    expect((await finished(bus)).map((f) => f.crawlId)).toEqual(['marker-1']);
    await bus.publish('crawl.failed.v1', [
      {
        crawlId: 'c1',
        pipeline: 'la-websites',
        url: 'https://a.test/',
        depth: 0,
        failedAt: at,
        code: 'FETCH_DNS',
        message: 'no such host',
        attempts: 1,
      },
    ]);
    const done = await eventually(async () => {
      const f = (await finished(bus)).find((x) => x.crawlId === 'c1');
      expect(f).toBeDefined();
      return f;
    });
    expect(done).toMatchObject({
      crawlId: 'c1',
      outcome: 'failed',
      endedBy: 'settled',
      coverage: 0,
      counts: { failed: 1, failedByCode: { FETCH_DNS: 1 } },
    });
    await tracker.close();

    const again = createCrawlTracker({ bus, logger: silentLogger(), checkIntervalMs: 10 });
    await again.start();
    await eventually(() => expect(requestsSeen(again, 'c1')).toMatchObject({ requested: 1, failed: 1 }));
    await checkedSince(bus, 'marker-2');
    expect((await finished(bus)).filter((f) => f.crawlId === 'c1')).toHaveLength(1);
    await again.close();
    await bus.close();
  });

  it('announces a crawl whose first announcement could not be published on a later check', async () => {
    const bus = createMemoryBus();
    let failures = 1;
    const flaky: Bus = new Proxy(bus, {
      get(target, prop, receiver) {
        if (prop !== 'publish') return Reflect.get(target, prop, receiver);
        return async (topic: TopicName, values: unknown[]) => {
          if (topic === 'crawl.finished.v1' && failures-- > 0)
            throw new AbepError('BUS_UNAVAILABLE', 'broker down', { retriable: true });
          return (target.publish as (t: TopicName, v: unknown[]) => Promise<void>)(topic, values);
        };
      },
    });
    const tracker = createCrawlTracker({ bus: flaky, logger: silentLogger(), checkIntervalMs: 10 });
    await tracker.start();
    await bus.publish('crawl.started.v1', [
      { crawlId: 'c3', startedAt: at, plan: { pipelines: ['la-websites'] }, seeds: 0 },
    ]);
    await eventually(async () => expect(await finished(bus)).toHaveLength(1));
    expect(failures).toBe(-1);
    await tracker.close();
    await bus.close();
  });

  it('announces a deadline finish with the coverage reached', async () => {
    const bus = createMemoryBus();
    const tracker = createCrawlTracker({ bus, logger: silentLogger(), checkIntervalMs: 10 });
    await tracker.start();
    const deadline = new Date(Date.now() + 100).toISOString();
    await bus.publish('crawl.started.v1', [
      { crawlId: 'c2', startedAt: at, plan: { pipelines: ['la-websites'] }, seeds: 2, deadline },
    ]);
    await bus.publish('crawl.requested.v1', [
      { crawlId: 'c2', pipeline: 'la-websites', url: 'https://a.test/', depth: 0, requestedAt: at },
      { crawlId: 'c2', pipeline: 'la-websites', url: 'https://b.test/', depth: 0, requestedAt: at },
    ]);
    const [done] = await eventually(async () => {
      const f = await finished(bus);
      expect(f).toHaveLength(1);
      return f;
    });
    expect(done).toMatchObject({ outcome: 'failed', endedBy: 'deadline', coverage: 0 });
    await tracker.close();
    await bus.close();
  });
});
