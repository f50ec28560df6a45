import { mkdirSync } from 'node:fs';
import { type Bus, createMemoryBus } from '@abep/bus';
import { type ConsumerTuning, createKafkaBus } from '@abep/bus-kafka';
import {
  KafkaConfig,
  kafkaEnv,
  LogConfig,
  logEnv,
  readEnv,
  S3Config,
  StoreDirConfig,
  s3Env,
  storeDirEnv,
} from '@abep/config';
import { createFetcher, FetcherConfig, type HostLookup } from '@abep/fetcher';
import { createLogger } from '@abep/logger';
import { AbepError } from '@abep/schemas';
import { DirectoryStore, type ObjectStore } from '@abep/store';
import { createS3Store } from '@abep/store-s3';
import { type Crawler, createCrawler, type PipelineScopes } from './app.ts';
import { CrawlerConfig, crawlerEnv } from './config.ts';

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Name resolution for the fetcher (tests resolve *.test to loopback). */
  lookup?: HostLookup;
  pipelines?: PipelineScopes;
  /** Kafka group timings (tests shrink the session timeout so a killed member is replaced quickly). */
  kafkaTuning?: Partial<ConsumerTuning>;
}

function fetcherOverrides(env: Record<string, string | undefined>): unknown {
  const raw = env.ABEP_CRAWLER_FETCHER_JSON;
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch (cause) {
    throw new AbepError(
      'CONFIG_INVALID',
      'ABEP_CRAWLER_FETCHER_JSON: not JSON; expected a FetcherConfig object',
      { cause },
    );
  }
}

/** The crawler service's composition root: adapters picked from the environment, then started. */
export async function runCrawler(
  options: RunOptions = {},
): Promise<{ crawler: Crawler; stop(): Promise<void> }> {
  const env = options.env ?? process.env;
  const log = readEnv(LogConfig, logEnv, env);
  const logger = createLogger({ level: log.level, name: 'crawler' });
  const kafka = readEnv(KafkaConfig, kafkaEnv, env);
  const s3 = readEnv(S3Config, s3Env, env);
  const config = CrawlerConfig.parse(readEnv(CrawlerConfig.omit({ defaultScope: true }), crawlerEnv, env));
  const parsedFetcher = FetcherConfig.safeParse(fetcherOverrides(env));
  if (!parsedFetcher.success)
    throw new AbepError('CONFIG_INVALID', `ABEP_CRAWLER_FETCHER_JSON: ${parsedFetcher.error.message}`);

  const bus: Bus = kafka.brokers
    ? createKafkaBus({
        brokers: kafka.brokers,
        clientId: kafka.clientId,
        topicPrefix: kafka.topicPrefix,
        logger,
        ...(options.kafkaTuning ? { consumer: options.kafkaTuning } : {}),
      })
    : createMemoryBus({ logger });
  let store: ObjectStore;
  if (s3.bucket || s3.endpoint) store = createS3Store(s3);
  else {
    const { dir } = readEnv(StoreDirConfig, storeDirEnv, env);
    mkdirSync(dir, { recursive: true });
    store = new DirectoryStore(dir);
  }
  const fetcher = createFetcher(parsedFetcher.data, {
    logger,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  const crawler = createCrawler({
    bus,
    store,
    fetcher,
    logger,
    config,
    ...(options.pipelines ? { pipelines: options.pipelines } : {}),
  });
  await crawler.start();
  return {
    crawler,
    async stop() {
      await crawler.close();
      await fetcher.close();
      await bus.close();
    },
  };
}

if (import.meta.main) {
  const running = await runCrawler();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void running.stop().then(() => process.exit(0));
    });
  }
}
