// Entry script for crawler.int.test.ts: the crawler as its own process (so it can be SIGKILLed),
// composed from the environment like production, resolving *.test to loopback.
import { createFixtureHostLookup, INTERNAL_HOST } from '@abep/testkit';
import { runCrawler } from './main.ts';

const scope = JSON.parse(process.env.ABEP_TEST_SCOPE_JSON ?? '{"maxDepth":3,"maxPagesPerHost":500}');
const running = await runCrawler({
  lookup: createFixtureHostLookup({ [INTERNAL_HOST]: '127.0.0.2' }),
  pipelines: { scopeFor: () => scope },
  kafkaTuning: {
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 300,
    rebalanceTimeoutMs: 3000,
    maxWaitTimeMs: 100,
    redeliveryDelayMs: 20,
  },
});
process.send?.('ready');
process.once('SIGTERM', () => void running.stop().then(() => process.exit(0)));
