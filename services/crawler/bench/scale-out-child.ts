// One crawler process for the scale-out bench: real Kafka bus (one consumer group shared with its siblings),
// real fetcher, directory store shared with its siblings. Runs until SIGTERM.
import { createBus } from '@abep/bus';
import { KafkaTransport } from '@abep/bus-kafka';
import { createFetcher } from '@abep/fetcher';
import { silentLogger } from '@abep/logger';
import { DirectoryStore } from '@abep/store';
import { createCrawler } from '../src/app.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const name = env('BENCH_NAME');
const logger = silentLogger();
const transport = new KafkaTransport({
  brokers: env('BENCH_BROKERS').split(','),
  clientId: name,
  topicPrefix: env('BENCH_PREFIX'),
  consumer: {
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 500,
    rebalanceTimeoutMs: 5000,
    maxWaitTimeMs: 100,
  },
});
const bus = createBus(transport);
const fetcher = createFetcher(
  {
    perHostMinDelayMs: Number(env('BENCH_DELAY_MS')),
    perHostConcurrency: 1,
    globalConcurrency: Number(env('BENCH_CONCURRENCY')),
    respectRobots: false,
    allowPrivateNetworks: ['127.0.0.1/32'],
  },
  { logger, lookup: async () => [{ address: '127.0.0.1', family: 4 }] },
);
const crawler = createCrawler({
  bus,
  store: new DirectoryStore(env('BENCH_STORE_DIR')),
  fetcher,
  logger,
  config: { groupId: 'bench-crawler', writerId: name, warcRollMs: 200 },
  pipelines: { scopeFor: () => ({ maxDepth: 1, maxPagesPerHost: 1000 }) },
});
await crawler.start();
console.log('ready');
process.once('SIGTERM', () => {
  void (async () => {
    await crawler.close();
    await fetcher.close();
    await bus.close();
    process.exit(0);
  })();
});
