import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';

async function values(metrics: ReturnType<typeof createMetrics>, name: string) {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  return (await metric.get()).values.map((v) => ({ labels: v.labels, value: v.value }));
}

describe('createMetrics', () => {
  it('keeps the queue depth of hosts past the cap as their sum under "other"', async () => {
    const metrics = createMetrics({ service: 'crawler', maxHosts: 1, defaultMetrics: false });
    metrics.hostQueueDepth('a.example', 5);
    metrics.hostQueueDepth('b.example', 3);
    metrics.hostQueueDepth('c.example', 4);
    metrics.hostQueueDepth('b.example', 0);
    expect(await values(metrics, 'abep_host_queue_depth')).toEqual([
      { labels: { host: 'a.example' }, value: 5 },
      { labels: { host: 'other' }, value: 4 },
    ]);
  });

  it('drops lag series for partitions no longer reported (after a rebalance)', async () => {
    const metrics = createMetrics({ service: 'extractor', defaultMetrics: false });
    metrics.consumerLag([
      { topic: 'page.fetched.v1', partition: 0, group: 'g', lag: 3 },
      { topic: 'page.fetched.v1', partition: 1, group: 'g', lag: 9 },
    ]);
    metrics.consumerLag([{ topic: 'page.fetched.v1', partition: 1, group: 'g', lag: 2 }]);
    expect(await values(metrics, 'abep_consumer_lag')).toEqual([
      { labels: { topic: 'page.fetched.v1', partition: '1', group: 'g' }, value: 2 },
    ]);
  });

  it('counts waiting messages per topic with the oldest one’s wait, and drops topics no longer waiting', async () => {
    const metrics = createMetrics({ service: 'normaliser', defaultMetrics: false });
    const now = new Date('2026-01-01T00:10:00Z');
    metrics.messagesWaiting([{ topic: 'page.fetched.v1', since: new Date('2026-01-01T00:09:00Z') }], now);
    metrics.messagesWaiting(
      [
        { topic: 'crawl.finished.v1', since: new Date('2026-01-01T00:00:00Z') },
        { topic: 'crawl.finished.v1', since: new Date('2026-01-01T00:05:00Z') },
      ],
      now,
    );
    expect(await values(metrics, 'abep_messages_waiting')).toEqual([
      { labels: { topic: 'crawl.finished.v1' }, value: 2 },
    ]);
    expect(await values(metrics, 'abep_message_wait_seconds')).toEqual([
      { labels: { topic: 'crawl.finished.v1' }, value: 600 },
    ]);
  });

  it('gives each call its own registry, so two services in one process do not collide', async () => {
    const a = createMetrics({ service: 'publisher', defaultMetrics: false });
    const b = createMetrics({ service: 'normaliser', defaultMetrics: false });
    a.recordsPublished(2);
    expect(await values(a, 'abep_records_published_total')).toEqual([{ labels: {}, value: 2 }]);
    expect(await values(b, 'abep_records_published_total')).toEqual([{ labels: {}, value: 0 }]);
  });
});
