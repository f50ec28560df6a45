import { mkdirSync } from 'node:fs';
import { type Bus, createMemoryBus } from '@abep/bus';
import { createKafkaBus } from '@abep/bus-kafka';
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
import { createLogger } from '@abep/logger';
import { DirectoryStore, type ObjectStore } from '@abep/store';
import { createS3Store } from '@abep/store-s3';
import { createExtractor, type Extractor } from './app.ts';
import { ExtractorConfig, extractorEnv } from './config.ts';

/** The extractor service's composition root: adapters picked from the environment, then started. */
export async function runExtractor(
  env: Record<string, string | undefined> = process.env,
): Promise<{ extractor: Extractor; stop(): Promise<void> }> {
  const logger = createLogger({ level: readEnv(LogConfig, logEnv, env).level, name: 'extractor' });
  const kafka = readEnv(KafkaConfig, kafkaEnv, env);
  const s3 = readEnv(S3Config, s3Env, env);
  const config = readEnv(ExtractorConfig, extractorEnv, env);
  const bus: Bus = kafka.brokers
    ? createKafkaBus({
        brokers: kafka.brokers,
        clientId: kafka.clientId,
        topicPrefix: kafka.topicPrefix,
        logger,
      })
    : createMemoryBus({ logger });
  let store: ObjectStore;
  if (s3.bucket || s3.endpoint) store = createS3Store(s3);
  else {
    const { dir } = readEnv(StoreDirConfig, storeDirEnv, env);
    mkdirSync(dir, { recursive: true });
    store = new DirectoryStore(dir);
  }
  const extractor = createExtractor({ bus, store, logger, config });
  await extractor.start();
  return {
    extractor,
    async stop() {
      await extractor.close();
      await bus.close();
    },
  };
}

if (import.meta.main) {
  const running = await runExtractor();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void running.stop().then(() => process.exit(0));
    });
  }
}
