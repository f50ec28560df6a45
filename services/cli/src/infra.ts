import { resolve } from 'node:path';
import { type Bus, createMemoryBus, type KeepOriginal } from '@abep/bus';
import { createKafkaBus, ensureTopics } from '@abep/bus-kafka';
import type { KafkaConfig, S3Config } from '@abep/config';
import type { Logger } from '@abep/logger';
import { DirectoryStore, type ObjectStore, probeStore } from '@abep/store';
import { createS3Store } from '@abep/store-s3';

export interface InfraConfig {
  kafka: KafkaConfig;
  s3: S3Config;
  storeDir: string;
}

export interface Infra {
  bus: Bus;
  store: ObjectStore;
  /** e.g. "in-process bus + directory .data/store" — for logs and summaries. */
  describe: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Picks the adapters: Kafka when brokers are configured, else the in-process bus; S3 when a bucket is
 * configured, else the directory store. The store is probed (a write, read and delete) and Kafka topics are
 * created from the catalogue if missing, so either being unreachable or unusable fails here, named, after
 * bounded retries (STORE_UNAVAILABLE / BUS_UNAVAILABLE, exit 3), never later in a run.
 */
export async function openInfra(config: InfraConfig, logger: Logger): Promise<Infra> {
  const { store, describe: storeName } = openStore(config);
  await probeStore(store, { name: storeName });
  const keepOriginal = keepOriginalIn(store);
  let bus: Bus;
  let busName: string;
  if (config.kafka.brokers?.length) {
    const connection = { brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger, retries: 4 };
    await ensureTopics(connection, {
      topicPrefix: config.kafka.topicPrefix,
      replicationFactor: config.kafka.replicationFactor,
    });
    bus = createKafkaBus({ ...connection, topicPrefix: config.kafka.topicPrefix, keepOriginal });
    busName = `kafka ${config.kafka.brokers.join(',')}${config.kafka.topicPrefix ? ` (prefix ${config.kafka.topicPrefix})` : ''}`;
  } else {
    bus = createMemoryBus({ logger, keepOriginal });
    busName = 'in-process bus';
  }
  return {
    bus,
    store,
    describe: `${busName} + ${storeName}`,
    embedded: !config.kafka.brokers?.length,
    close: () => bus.close(),
  };
}

/** Where a dead letter's whole original goes when it is too large to ride in the letter: beside the register. */
export function keepOriginalIn(store: ObjectStore): KeepOriginal {
  return async (message, bytes) => {
    const key = `dead-letters/${message.topic}/${message.partition}/${message.offset}-${message.sha256.slice(0, 16)}.bin`;
    await store.put(key, bytes, { contentType: 'application/octet-stream' });
    return key;
  };
}

/**
 * Only the object store: S3 when a bucket is configured, else the directory store. For commands that only read
 * or tidy published snapshots and status, so they work while Kafka is down or unconfigured.
 */
export function openStore(config: Pick<InfraConfig, 's3' | 'storeDir'>): {
  store: ObjectStore;
  describe: string;
} {
  if (config.s3.bucket) {
    return {
      store: createS3Store(config.s3),
      describe: `s3 ${config.s3.endpoint ?? 'aws'}/${config.s3.bucket}${config.s3.prefix ? `/${config.s3.prefix}` : ''}`,
    };
  }
  const dir = resolve(config.storeDir);
  return { store: new DirectoryStore(dir), describe: `directory ${dir}` };
}
