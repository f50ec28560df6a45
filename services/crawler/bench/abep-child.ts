// Our crawler at full speed in its own process: real fetcher, WARC writer and directory store; a direct
// in-process bus that runs crawl.requested handlers BENCH_CONCURRENCY at a time (no partition ordering).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bus, Handler } from '@abep/bus';
import { createFetcher } from '@abep/fetcher';
import { silentLogger } from '@abep/logger';
import { type CrawlRequestedV1, type MessageOf, type TopicName, topicSpec } from '@abep/schemas';
import { DirectoryStore } from '@abep/store';
import { createFixtureHostLookup } from '@abep/testkit';
import PQueue from 'p-queue';
import { createCrawler } from '../src/app.ts';

const seeds = JSON.parse(process.env.BENCH_SEEDS ?? '[]') as string[];
const expected = Number(process.env.BENCH_PAGES);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'abep-bench-'));
const queue = new PQueue({ concurrency });
let handler: Handler<'crawl.requested.v1'> | undefined;
let settled = 0;
let failed = 0;
const done = Promise.withResolvers<void>();

const bus: Bus = {
  async publish<N extends TopicName>(topic: N, values: readonly MessageOf<N>[]) {
    const spec = topicSpec(topic);
    for (const value of values) spec?.schema.parse(value);
    if (topic === 'crawl.requested.v1') {
      for (const value of values as readonly CrawlRequestedV1[]) {
        void queue.add(() =>
          handler?.({
            topic: 'crawl.requested.v1',
            partition: 0,
            offset: '0',
            key: '',
            value,
            headers: {},
            attempt: 1,
            signal: new AbortController().signal,
          }),
        );
      }
    } else {
      settled += values.length;
      if (topic === 'crawl.failed.v1') failed += values.length;
      if (settled >= expected) done.resolve();
    }
  },
  async subscribe(options) {
    handler = options.handler as unknown as Handler<'crawl.requested.v1'>;
    return { close: async () => {} };
  },
  waiting: () => [],
  readToEnd: () => (async function* () {})(),
  async close() {},
};

const logger = silentLogger();
const fetcher = createFetcher(
  {
    perHostMinDelayMs: 0,
    perHostConcurrency: concurrency,
    globalConcurrency: concurrency,
    respectRobots: false,
    allowPrivateNetworks: ['127.0.0.1/32'],
  },
  { logger, lookup: createFixtureHostLookup() },
);
const crawler = createCrawler({
  bus,
  store: new DirectoryStore(dir),
  fetcher,
  logger,
  config: { warcRollMs: 200 },
  pipelines: { scopeFor: () => ({ maxDepth: 10, maxPagesPerHost: 100_000 }) },
});
await crawler.start();
const started = performance.now();
await bus.publish(
  'crawl.requested.v1',
  seeds.map((url) => ({
    crawlId: 'bench',
    pipeline: 'bench',
    url,
    depth: 0,
    requestedAt: new Date().toISOString(),
  })),
);
await done.promise;
const ms = performance.now() - started;
await crawler.close();
await fetcher.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    name: 'abep crawler',
    pages: settled,
    failed,
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
process.exit(0);
