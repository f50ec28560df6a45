import { type Logger, silentLogger } from '@abep/logger';
import { Kafka } from 'kafkajs';
import { KAFKAJS_LOG_LEVEL, kafkaLogCreator } from './kafka-log.ts';

/** How to reach the broker, and how hard to try before giving up with BUS_UNAVAILABLE. */
export interface KafkaClientOptions {
  /** host:port list, e.g. ['127.0.0.1:19092']. */
  brokers: readonly string[];
  clientId?: string;
  logger?: Logger;
  /** TCP connect timeout per attempt. Default 3000. */
  connectionTimeoutMs?: number;
  /** Per-request timeout. Default 30000. */
  requestTimeoutMs?: number;
  /** Retries after the first attempt of a connect / request before failing. Default 5. */
  retries?: number;
  /** First retry delay; later ones grow exponentially up to 30 s. Default 300. */
  initialRetryTimeMs?: number;
}

export function createKafkaClient(options: KafkaClientOptions): Kafka {
  return new Kafka({
    brokers: [...options.brokers],
    clientId: options.clientId ?? 'abep-register',
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    retry: {
      retries: options.retries ?? 5,
      initialRetryTime: options.initialRetryTimeMs ?? 300,
      maxRetryTime: 30_000,
    },
    logLevel: KAFKAJS_LOG_LEVEL,
    logCreator: kafkaLogCreator(options.logger ?? silentLogger()),
  });
}
