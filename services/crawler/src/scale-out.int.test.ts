import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Bus, createBus } from '@abep/bus';
import { createKafkaClient, KafkaTransport } from '@abep/bus-kafka';
import { createFetcher, type Fetcher } from '@abep/fetcher';
import { silentLogger } from '@abep/logger';
import { topicList } from '@abep/schemas';
import { createS3Store } from '@abep/store-s3';
import { eventually, kafkaBrokers, requireService, s3TestConfig } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Crawler, createCrawler } from './app.ts';

const HOSTS = Array.from({ length: 12 }, (_, i) => `site${i}.test`);
const LINKS = 15;
const MAX_PAGES = 10;
const DELAY_MS = 250;
/**
 * The server sees arrivals, not starts; one request's transit can be slower than the next's, and more so when
 * this process's event loop (the server's and both crawlers') stalls: that stall, measured, widens the margin.
 */
const TRANSIT_MS = 100;

describe('two crawler processes in one consumer group on Kafka', { timeout: 240_000 }, () => {
  const topicPrefix = `t-scale-${randomUUID().slice(0, 8)}.`;
  const arrivals = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const host = (req.headers.host ?? '').split(':')[0] as string;
    if (req.url === '/robots.txt') {
      res.writeHead(404).end();
      return;
    }
    arrivals.set(host, [...(arrivals.get(host) ?? []), Date.now()]);
    const links = req.url === '/' ? Array.from({ length: LINKS }, (_, k) => `<a href="/p${k}">${k}</a>`) : [];
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><html><body><h1>${host}${req.url}</h1>${links.join('')}</body></html>`);
    }, 30);
  });
  const buses: Bus[] = [];
  const fetchers: Fetcher[] = [];
  const crawlers: Crawler[] = [];

  beforeAll(async () => {
    await requireService('kafka');
    await requireService('s3');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const c of crawlers) await c.close().catch(() => {});
    for (const f of fetchers) await f.close();
    for (const b of buses) await b.close();
    server.close();
    const admin = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'scale-out-int' }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: topicList.map((t) => topicPrefix + t.name) }).catch(() => {});
    await admin.disconnect();
  });

  async function startProcess(name: string): Promise<Bus> {
    const transport = new KafkaTransport({
      brokers: kafkaBrokers(),
      clientId: name,
      topicPrefix,
      consumer: {
        sessionTimeoutMs: 6000,
        heartbeatIntervalMs: 300,
        rebalanceTimeoutMs: 3000,
        maxWaitTimeMs: 100,
      },
    });
    await transport.ensureTopics();
    const bus = createBus(transport);
    const fetcher = createFetcher(
      { perHostMinDelayMs: DELAY_MS, globalConcurrency: 16, allowPrivateNetworks: ['127.0.0.1/32'] },
      { logger: silentLogger(), lookup: async () => [{ address: '127.0.0.1', family: 4 }] },
    );
    const crawler = createCrawler({
      bus,
      store: createS3Store({ ...s3TestConfig(), prefix: `${topicPrefix}store/` }),
      fetcher,
      logger: silentLogger(),
      config: { groupId: 'crawler', writerId: name, warcRollMs: 100 },
      pipelines: { scopeFor: () => ({ maxDepth: 1, maxPagesPerHost: MAX_PAGES }) },
    });
    await crawler.start();
    buses.push(bus);
    fetchers.push(fetcher);
    crawlers.push(crawler);
    return bus;
  }

  it('splits the hosts, keeps each host polite, settles every URL and holds maxPagesPerHost', async () => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const port = (server.address() as AddressInfo).port;
    const first = await startProcess('crawler-a');
    const settles: { url: string; kind: string; code?: string }[] = [];
    for (const [topic, kind] of [
      ['page.fetched.v1', 'fetched'],
      ['crawl.failed.v1', 'failed'],
    ] as const) {
      await first.subscribe({
        topic,
        groupId: `reader-${kind}`,
        partitionConcurrency: 6,
        handler: async (d) => {
          settles.push({ url: d.value.url, kind, ...('code' in d.value ? { code: d.value.code } : {}) });
        },
      });
    }
    await first.publish(
      'crawl.requested.v1',
      HOSTS.map((host) => ({
        crawlId: 'scale',
        pipeline: 'la-websites',
        url: `http://${host}:${port}/`,
        depth: 0,
        requestedAt: new Date().toISOString(),
      })),
    );
    // The second process joins mid-crawl: the group rebalances and hands it half the partitions.
    await eventually(() => expect(settles.length).toBeGreaterThan(20), 60_000, 100);
    await startProcess('crawler-b');
    // A page requests at most the host's page cap of links, so each host has its home page and MAX_PAGES links.
    const total = HOSTS.length * (1 + MAX_PAGES);
    await eventually(() => expect(new Set(settles.map((s) => s.url)).size).toBe(total), 180_000, 200);
    await sleep(2000);

    // Known gap (see kafka-windowed-consumer.ts): a request that settles on the old owner while the group
    // rebalances can settle again on the new one, so across a handover settles are at-least-once.
    const duplicates = settles.length - total;
    console.log(
      `scale-out: ${settles.length} settles for ${total} URLs (${duplicates} repeated across the handover)`,
    );
    loop.disable();
    const margin = TRANSIT_MS + loop.max / 1e6;
    for (const host of HOSTS) {
      const mine = settles.filter((s) => new URL(s.url).hostname === host);
      const fetched = new Set(mine.filter((s) => s.kind === 'fetched').map((s) => s.url));
      const limited = new Set(mine.filter((s) => s.code === 'CRAWL_LIMIT_REACHED').map((s) => s.url));
      expect(fetched.size).toBe(MAX_PAGES);
      expect(limited.size).toBe(1);
      const at = arrivals.get(host) ?? [];
      for (let i = 1; i < at.length; i++)
        expect((at[i] as number) - (at[i - 1] as number), `${host} request ${i}`).toBeGreaterThanOrEqual(
          DELAY_MS - margin,
        );
      // However the loop stalled, a host's requests as a whole keep the delay between them.
      expect((at.at(-1) as number) - (at[0] as number), host).toBeGreaterThanOrEqual(
        (at.length - 1) * DELAY_MS - margin,
      );
    }
    console.log(`scale-out: politeness checked with a ${Math.round(margin)} ms margin`);
    const served = crawlers.map((c) => c.stats().totals.fetched);
    expect(served.every((n) => n > 0)).toBe(true);
  });
});
